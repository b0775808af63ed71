package io.konnectivity.azure;

import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.KubeconfigFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * A kubeconfig AKS handed out, held in memory. It reaches the disk only through {@link #writeTo} (asked for
 * explicitly) or {@link #temporaryFile()} (deleted on close), in files only their owner can read, and it never appears
 * in a message: {@link #toString()} names the cluster only.
 */
public final class AksKubeconfig {

    private final AksClusterId cluster;
    private final CredentialScope scope;
    private final byte[] content;

    AksKubeconfig(AksClusterId cluster, CredentialScope scope, byte[] content) {
        this.cluster = cluster;
        this.scope = scope;
        this.content = content.clone();
    }

    public AksClusterId cluster() {
        return cluster;
    }

    public CredentialScope scope() {
        return scope;
    }

    /** Writes the kubeconfig to {@code file}, readable and writable by its owner only, replacing what was there. */
    public void writeTo(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path partial = ownerOnlyFile(directory, "." + file.getFileName() + "-");
        try {
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * The kubeconfig parsed in memory, for a check or a rotation: the content never reaches the disk this way. Messages
     * about it name the cluster only.
     */
    public KubeconfigFile parsed() throws ClusterAccessException {
        return KubeconfigFile.inMemory(this + " from ARM", content);
    }

    /** Forgets the content, so that a heap dump taken later does not hold it. */
    public void erase() {
        Arrays.fill(content, (byte) 0);
    }

    @Override
    public String toString() {
        return "kubeconfig of " + cluster.shortName() + " (" + scope.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    private static Path ownerOnlyFile(Path directory, String prefix) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createTempFile(directory, prefix, ".kubeconfig", ownerOnly);
        }
        Path file = Files.createTempFile(directory, prefix, ".kubeconfig");
        restrictToOwner(file);
        return file;
    }

    /** Where POSIX permissions do not exist (Windows), an access list that names the file's owner alone. */
    private static void restrictToOwner(Path file) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        AclEntry ownerOnly = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(Files.getOwner(file))
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build();
        acl.setAcl(List.of(ownerOnly));
    }
}
