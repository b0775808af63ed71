package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxExtensionTest {

    private static final AtomicReference<SandboxCluster> PREVIOUS = new AtomicReference<>();

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension(SandboxScenario.builder()
            .clusterName("extension")
            .extraTlsSecrets(false)
            .build());

    @RepeatedTest(2)
    void eachTestGetsAFreshClusterAndTheLastOneIsClosed(SandboxCluster cluster) {
        SandboxCluster previous = PREVIOUS.getAndSet(cluster);

        assertThat(cluster).isSameAs(sandbox.cluster());
        assertThat(cluster.context()).isEqualTo("extension");
        assertThat(cluster.kubeconfig()).exists();
        if (previous != null) {
            assertThat(previous).isNotSameAs(cluster);
            assertThat(previous.kubeconfig()).doesNotExist();
        }
    }

    @Test
    void theClusterExistsOnlyWhileATestRuns() {
        SandboxExtension idle = SandboxExtension.withDefaults();

        assertThatThrownBy(idle::cluster)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only while a test runs");
    }
}
