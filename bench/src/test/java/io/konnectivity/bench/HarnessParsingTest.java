package io.konnectivity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessParsingTest {

    @Test
    void theSandboxAnnouncesItsKubeconfigOnALineOfItsOwn() {
        assertThat(SandboxProcess.kubeconfigOf("kubeconfig: /tmp/konnectivity-sandbox-fleet-1/kubeconfig"))
                .contains(Path.of("/tmp/konnectivity-sandbox-fleet-1/kubeconfig"));
        assertThat(SandboxProcess.kubeconfigOf("Try: konnectivity check --kubeconfig /tmp/k --all-contexts"))
                .isEmpty();
        assertThat(SandboxProcess.kubeconfigOf("kubeconfig: ")).isEmpty();
    }

    @Test
    void threadsOfOnePoolShareAGroupAndOkHttpCallsLoseTheirUrl() {
        assertThat(ThreadNames.group("konnectivity-cluster-17")).isEqualTo("konnectivity-cluster-#");
        assertThat(ThreadNames.group("OkHttp https://127.0.0.1:40123/api/v1/namespaces/kube-system/secrets/x"))
                .isEqualTo("OkHttp_call");
        assertThat(ThreadNames.group("OkHttp TaskRunner")).isEqualTo("OkHttp_TaskRunner");
    }

    @Test
    void concurrenciesAboveTheFleetSizeCollapseIntoOne() {
        assertThat(FleetBenchmark.effectiveConcurrencies(List.of(8, 16, 64), 10))
                .containsExactly(8, 10);
        assertThat(FleetBenchmark.effectiveConcurrencies(List.of(8, 16, 64), 1)).containsExactly(1);
    }

    @Test
    void theManualPipelineIsTheOneOperatorsType() {
        assertThat(StartupBenchmark.pipeline(Path.of("/tmp/k")))
                .isEqualTo("set -o pipefail; kubectl --kubeconfig '/tmp/k' get secret konnectivity-certs -n kube-system"
                        + " -o jsonpath='{.data.client\\.crt}' | base64 -d | openssl x509 -noout -enddate");
    }
}
