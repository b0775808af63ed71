package io.konnectivity.azure;

import io.konnectivity.cluster.ClusterTarget;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

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

    /** Writes the kubeconfig to a new owner-only temporary file, deleted when the returned handle is closed. */
    public TemporaryKubeconfig temporaryFile() throws IOException {
        Path file = ownerOnlyFile(null, "konnectivity-" + cluster.name() + "-");
        try {
            Files.write(file, content);
            return new TemporaryKubeconfig(this, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
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
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return directory == null
                    ? Files.createTempFile(prefix, ".kubeconfig", ownerOnly)
                    : Files.createTempFile(directory, prefix, ".kubeconfig", ownerOnly);
        }
        // TODO: on Windows the file inherits the folder's ACL; restrict it to the owner with an AclFileAttributeView.
        return directory == null
                ? Files.createTempFile(prefix, ".kubeconfig")
                : Files.createTempFile(directory, prefix, ".kubeconfig");
    }

    /** A kubeconfig file that exists until closed, for code that needs a path, such as the cluster check. */
    public static final class TemporaryKubeconfig implements AutoCloseable {

        private final AksKubeconfig kubeconfig;
        private final Path path;

        private TemporaryKubeconfig(AksKubeconfig kubeconfig, Path path) {
            this.kubeconfig = kubeconfig;
            this.path = path;
        }

        public Path path() {
            return path;
        }

        /** The cluster to check through this file, named {@code name} in reports, with the file's current context. */
        public ClusterTarget target(String name) {
            return new ClusterTarget(name, path, null);
        }

        /** Deletes the file; never throws, since it runs after the work that needed the file. */
        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // TODO: a file that cannot be deleted is left behind; report it once the listener has a warning hook.
                path.toFile().deleteOnExit();
            }
        }

        @Override
        public String toString() {
            return "temporary " + kubeconfig;
        }
    }
}
