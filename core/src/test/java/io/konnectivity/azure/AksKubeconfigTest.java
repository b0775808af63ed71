package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.KubeconfigFile;
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
    void parsedInMemoryWithoutTouchingTheDiskAndNamedByClusterOnly() throws Exception {
        AksKubeconfig full = new AksKubeconfig(
                new AksClusterId("sub", "rg1", "aks-1"),
                CredentialScope.USER,
                ("apiVersion: v1\nclusters:\n- name: k\n  cluster: {server: 'https://aks-1.example:443'}\n"
                                + "contexts:\n- name: aks-1\n  context: {cluster: k, user: u}\n"
                                + "current-context: aks-1\nusers:\n- name: u\n  user: {token: secret-token}\n")
                        .getBytes(StandardCharsets.UTF_8));

        KubeconfigFile parsed = full.parsed();

        assertThat(parsed.path()).isEmpty();
        assertThat(parsed.server(parsed.currentContext())).isEqualTo("https://aks-1.example:443");
        assertThat(parsed.toString()).doesNotContain("secret-token").contains("rg1/aks-1");
        assertThatThrownBy(() -> parsed.requireContext("nope"))
                .hasMessageContaining("rg1/aks-1")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void aKubeconfigWithoutContextsIsRefusedWithoutItsContent() {
        assertThatThrownBy(() -> kubeconfig.parsed())
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageContaining("kubeconfig of rg1/aks-1 (user) from ARM")
                .hasMessageNotContaining("secret-token");
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
