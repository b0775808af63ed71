package io.konnectivity.cert;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;

/**
 * New files for key material (a local backup of the agent Secret, a kubeconfig asked for on disk) that only their
 * owner can read: POSIX permissions {@code rw-------} where the file system has them, else (Windows) an access list
 * naming the owner alone, set before anything is written.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {}

    /** Creates {@code file}, empty; fails with {@link java.nio.file.FileAlreadyExistsException} if it exists. */
    public static Path create(Path file) throws IOException {
        if (posix()) {
            return Files.createFile(file, ownerReadWrite());
        }
        return restrictToOwner(Files.createFile(file));
    }

    /** Creates a new empty temporary file in {@code directory}. */
    public static Path createTemp(Path directory, String prefix, String suffix) throws IOException {
        if (posix()) {
            return Files.createTempFile(directory, prefix, suffix, ownerReadWrite());
        }
        return restrictToOwner(Files.createTempFile(directory, prefix, suffix));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?> ownerReadWrite() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    private static Path restrictToOwner(Path file) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) {
            Files.delete(file);
            throw new IOException("Cannot make " + file + " readable by its owner only on this file system.");
        }
        AclEntry ownerOnly = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(Files.getOwner(file))
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build();
        acl.setAcl(List.of(ownerOnly));
        return file;
    }
}
