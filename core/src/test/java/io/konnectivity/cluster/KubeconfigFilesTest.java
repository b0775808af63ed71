package io.konnectivity.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFilesTest {

    private static final String TWO_CONTEXTS = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: one
              cluster:
                server: https://one.example:6443
            - name: two
              cluster:
                server: https://two.example
            contexts:
            - name: a
              context: {cluster: one, user: u}
            - name: b
              context: {cluster: two, user: u}
            users:
            - name: u
              user: {token: t}
            """;

    @Test
    void aFileIsParsedOnceForAllItsContexts(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("config");
        Files.writeString(file, TWO_CONTEXTS);
        KubeconfigFiles files = new KubeconfigFiles();

        KubeconfigFile first = files.load(file);
        Files.writeString(file, "not: [a kubeconfig");

        assertThat(files.load(directory.resolve(".").resolve("config"))).isSameAs(first);
        assertThat(first.server("a")).isEqualTo("https://one.example:6443");
        assertThat(first.server("b")).isEqualTo("https://two.example");
        assertThatThrownBy(() -> new KubeconfigFiles().load(file))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageContaining("does not parse");
    }

    @Test
    void aFileThatCannotBeReadFailsEveryTimeWithTheSameMessage(@TempDir Path directory) {
        KubeconfigFiles files = new KubeconfigFiles();
        Path missing = directory.resolve("missing");

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> files.load(missing))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessage("The kubeconfig " + missing + " does not exist.");
        }
    }

    @Test
    void aContextWithoutAClusterIsRefusedByName(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("config");
        Files.writeString(file, TWO_CONTEXTS.replace("cluster: two", "cluster: gone"));

        KubeconfigFile kubeconfig = new KubeconfigFiles().load(file);

        assertThatThrownBy(() -> kubeconfig.server("b"))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageContaining("context 'b'");
        assertThat(kubeconfig.server("a")).isEqualTo("https://one.example:6443");
    }
}
