package io.konnectivity.azure;

import io.konnectivity.cert.OwnerOnlyFiles;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.KubeconfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A kubeconfig AKS handed out, held in memory. It reaches the disk only through {@link #writeTo}, asked for
 * explicitly, in a file only its owner can read, and it never appears in a message: {@link #toString()} names the
 * cluster only.
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
        Path partial = OwnerOnlyFiles.createTemp(directory, "." + file.getFileName() + "-", ".kubeconfig");
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
}
