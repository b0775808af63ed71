package io.konnectivity.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFileTest {

    private static final List<String> CONTEXTS = List.of("a", "b", "c", "d");

    @TempDir
    Path directory;

    @Test
    void readingServerAndCertificatesRunsNoCredentialPluginAndEachClientConfigurationRunsItOnce() throws Exception {
        KubeconfigFile kubeconfig = KubeconfigFile.load(withExecPlugin(0));

        for (String context : CONTEXTS) {
            assertThat(kubeconfig.server(context)).isEqualTo("https://" + context + ".example:6443");
            assertThat(kubeconfig.certificateAuthority(context)).isEmpty();
            assertThat(kubeconfig.clientCertificate(context)).isEmpty();
        }
        assertThat(runs()).isEmpty();

        Config config = kubeconfig.clientConfig("b", Duration.ofSeconds(5));

        assertThat(config.getMasterUrl()).isEqualTo("https://b.example:6443/");
        assertThat(config.getAutoOAuthToken()).isEqualTo("token-b");
        assertThat(runs()).hasSize(1).allSatisfy(run -> assertThat(run).startsWith("b "));
    }

    @Test
    void contextsOfOneFileRunTheirCredentialPluginsInParallel() throws Exception {
        KubeconfigFile kubeconfig = KubeconfigFile.load(withExecPlugin(1));
        ExecutorService threads = Executors.newFixedThreadPool(CONTEXTS.size());
        try {
            List<Future<Config>> configs = new ArrayList<>();
            for (String context : CONTEXTS) {
                configs.add(threads.submit(() -> kubeconfig.clientConfig(context, Duration.ofSeconds(30))));
            }
            for (int i = 0; i < CONTEXTS.size(); i++) {
                assertThat(configs.get(i).get().getAutoOAuthToken()).isEqualTo("token-" + CONTEXTS.get(i));
            }
        } finally {
            threads.shutdownNow();
        }

        List<long[]> runs = runs().stream()
                .map(run -> new long[] {Long.parseLong(run.split(" ")[1]), Long.parseLong(run.split(" ")[2])})
                .toList();
        assertThat(runs).hasSize(CONTEXTS.size());
        long lastStart = runs.stream().mapToLong(run -> run[0]).max().orElseThrow();
        long firstEnd = runs.stream().mapToLong(run -> run[1]).min().orElseThrow();
        assertThat(lastStart)
                .as("every plugin started before the first one ended")
                .isLessThan(firstEnd);
    }

    @Test
    void certificateFilesResolveAgainstTheKubeconfigsDirectoryAndAServerGetsItsScheme() throws Exception {
        Files.createDirectories(directory.resolve("certs"));
        Files.writeString(directory.resolve("certs/ca.crt"), "the CA bytes");
        Files.writeString(directory.resolve("client.crt"), "the client bytes");
        Path file = directory.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: only
                clusters:
                - name: c
                  cluster: {server: "api.example:443", certificate-authority: certs/ca.crt}
                contexts:
                - name: only
                  context: {cluster: c, user: u}
                users:
                - name: u
                  user: {client-certificate: client.crt, client-key: client.key}
                """);

        KubeconfigFile kubeconfig = KubeconfigFile.load(file);

        assertThat(kubeconfig.server(null)).isEqualTo("https://api.example:443");
        assertThat(kubeconfig.certificateAuthority(null))
                .hasValueSatisfying(bytes -> assertThat(new String(bytes)).isEqualTo("the CA bytes"));
        assertThat(kubeconfig.clientCertificate(null))
                .hasValueSatisfying(bytes -> assertThat(new String(bytes)).isEqualTo("the client bytes"));
    }

    @Test
    void anInteractiveDeviceCodeLoginIsRefusedBeforeItStarts() throws Exception {
        Path plugin = directory.resolve("kubelogin");
        Files.writeString(plugin, "#!/bin/sh\ntouch \"" + directory.resolve("started") + "\"\nsleep 900\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        Path file = directory.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: aks
                clusters:
                - name: aks
                  cluster: {server: "https://aks.example:443"}
                contexts:
                - name: aks
                  context: {cluster: aks, user: entra}
                users:
                - name: entra
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: %s
                      args: [get-token, --environment, AzurePublicCloud, --server-id, s, --client-id, c, --tenant-id, t, --login, devicecode]
                """.formatted(plugin));
        KubeconfigFile kubeconfig = KubeconfigFile.load(file);

        assertThat(kubeconfig.server("aks")).isEqualTo("https://aks.example:443");
        assertThatThrownBy(() -> kubeconfig.clientConfig("aks", Duration.ofSeconds(5)))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageContaining("context 'aks' logs in interactively")
                .hasMessageContaining("with a device code")
                .hasMessageContaining("kubelogin convert-kubeconfig");
        assertThat(directory.resolve("started")).doesNotExist();
    }

    /** A kubeconfig of four contexts whose user runs a plugin that notes each run and sleeps {@code seconds}. */
    private Path withExecPlugin(int seconds) throws Exception {
        Path plugin = directory.resolve("credential-plugin");
        Files.writeString(plugin, """
                #!/bin/sh
                start=$(date +%%s%%N)
                sleep %d
                echo "$CONTEXT $start $(date +%%s%%N)" >> "%s"
                printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",\
                "status":{"token":"token-%%s"}}' "$CONTEXT"
                """.formatted(seconds, directory.resolve("runs")));
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String context : CONTEXTS) {
            yaml.append("- name: ")
                    .append(context)
                    .append("\n  cluster: {server: \"https://")
                    .append(context)
                    .append(".example:6443\"}\n");
        }
        yaml.append("contexts:\n");
        for (String context : CONTEXTS) {
            yaml.append("- name: ")
                    .append(context)
                    .append("\n  context: {cluster: ")
                    .append(context)
                    .append(", user: ")
                    .append(context)
                    .append("}\n");
        }
        yaml.append("users:\n");
        for (String context : CONTEXTS) {
            yaml.append("- name: ")
                    .append(context)
                    .append("\n  user:\n    exec:\n")
                    .append("      apiVersion: client.authentication.k8s.io/v1beta1\n")
                    .append("      command: ")
                    .append(plugin)
                    .append("\n")
                    .append("      env: [{name: CONTEXT, value: ")
                    .append(context)
                    .append("}]\n");
        }
        Path file = directory.resolve("config");
        Files.writeString(file, yaml.toString());
        return file;
    }

    private List<String> runs() throws Exception {
        Path runs = directory.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }
}
