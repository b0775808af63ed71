package io.konnectivity.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path directory;

    @Test
    void createsAnEmptyFileOnlyItsOwnerCanReadAndRefusesOneThatExists() throws Exception {
        Path file = OwnerOnlyFiles.create(directory.resolve("backup.yaml"));

        assertThat(file).isEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Files.writeString(file, "kept");
        assertThatThrownBy(() -> OwnerOnlyFiles.create(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(file).hasContent("kept");
    }

    @Test
    void temporaryFilesAreOwnerOnlyAndNewEachTime() throws Exception {
        Path first = OwnerOnlyFiles.createTemp(directory, ".config-", ".kubeconfig");
        Path second = OwnerOnlyFiles.createTemp(directory, ".config-", ".kubeconfig");

        assertThat(first).isNotEqualTo(second).hasParent(directory);
        assertThat(first.getFileName().toString()).startsWith(".config-").endsWith(".kubeconfig");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first)))
                .isEqualTo("rw-------");
    }
}
