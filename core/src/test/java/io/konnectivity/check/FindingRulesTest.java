package io.konnectivity.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.cluster.AgentAuthentication;
import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.cluster.TunnelState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final TunnelState DOWN = new TunnelState.Down("konnectivity-agent-1", "i/o timeout");

    private final FindingRules rules = new FindingRules("aks-1", AgentNames.DEFAULT);

    @Test
    void anExpiredCertificateThatIsAlsoUnusableIsStillNamedAsTheCauseOfTheTunnelDown() {
        CertificateCheck agent =
                agent(NOW.minus(Duration.ofDays(3)), -3L, Status.INVALID, "client.key does not match.");

        List<Finding> findings =
                rules.explain(List.of(agent), true, workload(AgentAuthentication.CLIENT_CERTIFICATE), DOWN);

        assertThat(findings).extracting(Finding::code).contains("TUNNEL_DOWN_CERT_EXPIRED", "AGENT_CERT_INVALID");
        assertThat(findings)
                .filteredOn(f -> f.code().equals("AGENT_CERT_INVALID"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("It also expired on 2026-12-01"));
        assertThat(findings).noneMatch(f -> f.advice().contains("valid until"));
    }

    @Test
    void anUnusableCertificateIsTheLikelyCauseNotTheNetwork() {
        CertificateCheck agent =
                agent(NOW.plus(Duration.ofDays(300)), 300L, Status.INVALID, "It is not valid before 2026-12-05.");

        List<Finding> findings =
                rules.explain(List.of(agent), true, workload(AgentAuthentication.CLIENT_CERTIFICATE), DOWN);

        Finding tunnel = findings.stream()
                .filter(f -> f.code().equals("TUNNEL_DOWN"))
                .findFirst()
                .orElseThrow();
        assertThat(tunnel.advice())
                .contains("unusable")
                .contains("not valid before")
                .doesNotContain("valid until")
                .doesNotContain("network policies");
    }

    @Test
    void aTokenAuthenticatedAgentIsNeverBlamedOnAStaleExpiredCertificate() {
        CertificateCheck stale = agent(NOW.minus(Duration.ofDays(30)), -30L, Status.EXPIRED);

        List<Finding> findings =
                rules.explain(List.of(stale), true, workload(AgentAuthentication.SERVICE_ACCOUNT_TOKEN), DOWN);

        assertThat(findings)
                .extracting(Finding::code)
                .contains("TUNNEL_DOWN")
                .doesNotContain("TUNNEL_DOWN_CERT_EXPIRED");
        assertThat(findings)
                .filteredOn(f -> f.code().equals("TUNNEL_DOWN"))
                .singleElement()
                .satisfies(f ->
                        assertThat(f.advice()).contains("service-account token").doesNotContain("rotate"));
    }

    @Test
    void aValidCertificatePointsAtTheNetwork() {
        CertificateCheck agent = agent(NOW.plus(Duration.ofDays(200)), 200L, Status.OK);

        List<Finding> findings =
                rules.explain(List.of(agent), true, workload(AgentAuthentication.CLIENT_CERTIFICATE), DOWN);

        assertThat(findings)
                .filteredOn(f -> f.code().equals("TUNNEL_DOWN"))
                .singleElement()
                .satisfies(f -> assertThat(f.advice())
                        .contains("valid until 2027-06-22")
                        .contains("port 443"));
    }

    private static CertificateCheck agent(Instant notAfter, Long daysLeft, Status status, String... problems) {
        CertificateFacts facts = new CertificateFacts(
                "CN=konnectivity-agent",
                "CN=ca",
                "01",
                "ab:cd",
                notAfter.minus(Duration.ofDays(365)),
                notAfter,
                "RSA",
                2048,
                List.of("digitalSignature"),
                List.of("clientAuth"),
                false,
                false);
        return new CertificateCheck(
                CertificateRole.AGENT_CLIENT,
                Location.secretKey("kube-system", "konnectivity-certs", "client.crt", 0),
                facts,
                daysLeft,
                status,
                List.of(problems));
    }

    private static AgentWorkload workload(AgentAuthentication authentication) {
        return new AgentWorkload(
                "Deployment", "kube-system", "konnectivity-agent", 2, 2, authentication, "konnectivity-certs", null);
    }
}
