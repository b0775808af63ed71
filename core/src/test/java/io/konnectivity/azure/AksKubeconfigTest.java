package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AksKubeconfigTest {

    private static final byte[] CONTENT =
            "apiVersion: v1\nusers:\n- user:\n    token: secret-token\n".getBytes(StandardCharsets.UTF_8);
    private final AksKubeconfig kubeconfig =
            new AksKubeconfig(new AksClusterId("sub", "rg1", "aks-1"), CredentialScope.USER, CONTENT);

    @Test
    void temporaryFileIsOwnerOnlyAndGoneWhenClosed() throws Exception {
        Path path;
        try (AksKubeconfig.TemporaryKubeconfig file = kubeconfig.temporaryFile()) {
            path = file.path();
            assertThat(Files.readAllBytes(path)).isEqualTo(CONTENT);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                    .isEqualTo("rw-------");
            assertThat(file.target("rg1/aks-1").kubeconfig()).isEqualTo(path);
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void writtenFileIsOwnerOnlyAndReplacesWhatWasThere(@TempDir Path directory) throws Exception {
        Path target = directory.resolve("config");
        Files.writeString(target, "old");

        kubeconfig.writeTo(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
        assertThat(directory).isDirectoryNotContaining(path -> !path.equals(target));
    }

    @Test
    void toStringNamesTheClusterOnly() {
        assertThat(kubeconfig.toString()).isEqualTo("kubeconfig of rg1/aks-1 (user)");
    }
}
