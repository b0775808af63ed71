package io.konnectivity.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelErrorsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Get \"https://10.224.0.4:10250/containerLogs/kube-system/konnectivity-agent-x/agent\": dial tcp"
                        + " 10.224.0.4:10250: i/o timeout",
                "error dialing backend: dial tcp 10.224.0.4:10250: i/o timeout",
                "Error from server: No agent available",
                "failing or missing response from https://10.0.0.1:443/apis/metrics.k8s.io/v1beta1: No agent available",
                "the server is currently unable to handle the request (get nodes.metrics.k8s.io)",
                "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate has"
                        + " expired or is not yet valid"
            })
    void fieldErrorTextsMeanTheTunnelIsDown(String text) {
        assertThat(TunnelErrors.isTunnelDown(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pods \"konnectivity-agent-x\" is forbidden: User \"ci\" cannot get resource \"pods/log\"",
                "container \"agent\" in pod \"konnectivity-agent-x\" is waiting to start: ContainerCreating",
                ""
            })
    void otherErrorsSayNothingAboutTheTunnel(String text) {
        assertThat(TunnelErrors.isTunnelDown(text)).isFalse();
    }
}
