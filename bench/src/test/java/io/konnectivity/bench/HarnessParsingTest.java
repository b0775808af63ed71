package io.konnectivity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void kubectlKeysItsDiscoveryCacheByHostAndPort() {
        assertThat(KubectlHome.cacheDirectoryName("https://127.0.0.1:40821")).isEqualTo("127.0.0.1_40821");
        assertThat(KubectlHome.cacheDirectoryName("https://aks.example.io")).isEqualTo("aks.example.io");
    }

    @Test
    void childrenCpuIsCutimePlusCstimeInTicksOfTenMilliseconds() {
        String stat = "4242 (java (bench)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 30 12 3 20 0 40 0 1 2 3";

        assertThat(ChildrenCpu.nanosOf(stat)).isEqualTo(150_000_000L);
    }

    @Test
    void theAnatomyOfARunComesFromItsCompilerTimesClassLogAndGcLog() {
        String output = "{\"clusters\": []}\n"
                + "  C1 {speed: 132625.052 bytes/s; standard:  1.986 s, 264502 bytes, 2664 methods; osr:  0.048 s,"
                + " 5256 bytes, 12 methods; nmethods_size: 4740088 bytes}\n"
                + "  C2 {speed: 9249.912 bytes/s; standard:  6.324 s, 66080 bytes, 256 methods; osr:  1.987 s,"
                + " 10795 bytes, 14 methods; nmethods_size: 433664 bytes}\n";
        String classLog = "[0.093s][info][class,load] java.lang.Object source: shared objects file\n"
                + "[0.108s][info][class,load] sun.nio.cs.UTF_8$Encoder source: jrt:/java.base\n"
                + "[0.120s][info][class,load] picocli.CommandLine source: shared objects file (top)\n";
        String gcLog = "[1.369s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 27M->10M(388M) 11.567ms\n"
                + "[6.755s][info][gc] GC(4) Pause Remark 16M->16M(96M) 7.289ms\n"
                + "[6.769s][info][gc] GC(4) Concurrent Mark Cycle 63.996ms\n";

        JvmAnatomy anatomy = JvmAnatomy.parse(output, classLog, gcLog);

        assertThat(anatomy.c1Seconds()).isCloseTo(2.034, within(1e-9));
        assertThat(anatomy.c2Seconds()).isCloseTo(8.311, within(1e-9));
        assertThat(anatomy.classes()).isEqualTo(3);
        assertThat(anatomy.sharedClasses()).isEqualTo(2);
        assertThat(anatomy.gcPauseMillis()).isCloseTo(18.856, within(1e-9));
    }
}
