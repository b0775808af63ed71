package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class CsrSigningModesTest {

    private static final SandboxScenario QUICK = SandboxScenario.builder()
            .agentKeyType(SandboxPki.KeyType.EC_P256)
            .extraTlsSecrets(false)
            .agentReplicas(1)
            .build();

    @Test
    void signModeCapsTheLifetimeAtTheScenariosMaximum() {
        withCluster(QUICK.toBuilder().maxCertificateLifetime(Duration.ofDays(2)).build(), (cluster, client) -> {
            CsrFixtures.createForAgent(client, cluster, "renew", Duration.ofDays(30));
            CsrFixtures.approve(client, "renew");

            X509Certificate issued = issued(client, "renew");
            assertThat(issued.getNotAfter().toInstant())
                    .isBetween(
                            Instant.now().plus(Duration.ofDays(2)).minusSeconds(60),
                            Instant.now().plus(Duration.ofDays(2)).plusSeconds(60));
            verify(issued, cluster.pki().caCertificate());
        });
    }

    @Test
    void aCsrAskingForLessThanTenMinutesIsRejectedAsInvalidAndACsrWithATakenNameAsAlreadyExisting() {
        withCluster(QUICK, (cluster, client) -> {
            assertThatThrownBy(() -> CsrFixtures.createForAgent(client, cluster, "too-short", Duration.ofSeconds(599)))
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> {
                        KubernetesClientException failure = (KubernetesClientException) e;
                        assertThat(failure.getCode()).isEqualTo(422);
                        assertThat(failure.getStatus().getReason()).isEqualTo("Invalid");
                        assertThat(failure.getStatus().getMessage())
                                .isEqualTo("CertificateSigningRequest.certificates.k8s.io \"too-short\" is invalid:"
                                        + " spec.expirationSeconds: Invalid value: 599: may not specify a duration"
                                        + " less than 600 seconds (10 minutes)");
                        assertThat(failure.getStatus().getDetails().getCauses())
                                .singleElement()
                                .satisfies(cause -> assertThat(cause.getField()).isEqualTo("spec.expirationSeconds"));
                    });
            assertThat(CsrFixtures.get(client, "too-short")).isNull();

            CsrFixtures.createForAgent(client, cluster, "taken", Duration.ofSeconds(600));
            assertThatThrownBy(() -> CsrFixtures.createForAgent(client, cluster, "taken", Duration.ofDays(1)))
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> {
                        KubernetesClientException failure = (KubernetesClientException) e;
                        assertThat(failure.getCode()).isEqualTo(409);
                        assertThat(failure.getStatus().getReason()).isEqualTo("AlreadyExists");
                        assertThat(failure.getStatus().getMessage())
                                .isEqualTo("certificatesigningrequests.certificates.k8s.io \"taken\" already exists");
                    });
        });
    }

    @Test
    void denyModeDeniesTheRequestRightAfterItIsCreatedAndApprovalCannotUndoIt() {
        withCluster(modes(SandboxScenario.CsrSigningMode.DENY), (cluster, client) -> {
            CsrFixtures.createForAgent(client, cluster, "renew", Duration.ofDays(1));

            assertThat(CsrFixtures.get(client, "renew").getStatus().getConditions())
                    .singleElement()
                    .satisfies(condition -> {
                        assertThat(condition.getType()).isEqualTo("Denied");
                        assertThat(condition.getReason()).isEqualTo("KubectlDeny");
                    });
            assertThatThrownBy(() -> CsrFixtures.approve(client, "renew"))
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("updates may not remove a condition of type \"Denied\"")
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode())
                            .isEqualTo(422));
            assertThat(CsrFixtures.get(client, "renew").getStatus().getCertificate())
                    .isNull();
        });
    }

    @Test
    void failModeMarksTheApprovedRequestFailedBySignerValidation() {
        withCluster(modes(SandboxScenario.CsrSigningMode.FAIL), (cluster, client) -> {
            CsrFixtures.createForAgent(client, cluster, "renew", Duration.ofDays(1));
            CsrFixtures.approve(client, "renew");

            CertificateSigningRequest csr = CsrFixtures.get(client, "renew");
            assertThat(csr.getStatus().getCertificate()).isNull();
            assertThat(csr.getStatus().getConditions())
                    .extracting(
                            CertificateSigningRequestCondition::getType, CertificateSigningRequestCondition::getReason)
                    .containsExactly(tuple("Approved", "SandboxTest"), tuple("Failed", "SignerValidationFailure"));
        });
    }

    @Test
    void neverModeLeavesTheApprovedRequestUnsigned() {
        withCluster(modes(SandboxScenario.CsrSigningMode.NEVER), (cluster, client) -> {
            CsrFixtures.createForAgent(client, cluster, "renew", Duration.ofDays(1));
            CsrFixtures.approve(client, "renew");

            CertificateSigningRequest csr = CsrFixtures.get(client, "renew");
            assertThat(csr.getStatus().getCertificate()).isNull();
            assertThat(csr.getStatus().getConditions())
                    .extracting(CertificateSigningRequestCondition::getType)
                    .containsExactly("Approved");
        });
    }

    @Test
    void otherCaModeSignsWithACaTheClusterDoesNotTrust() {
        withCluster(modes(SandboxScenario.CsrSigningMode.OTHER_CA), (cluster, client) -> {
            CsrFixtures.createForAgent(client, cluster, "renew", Duration.ofDays(1));
            CsrFixtures.approve(client, "renew");

            X509Certificate issued = issued(client, "renew");
            assertThat(issued.getIssuerX500Principal())
                    .isNotEqualTo(cluster.pki().caCertificate().getSubjectX500Principal());
            assertThatThrownBy(() -> issued.verify(cluster.pki().caCertificate().getPublicKey()))
                    .isInstanceOfAny(SignatureException.class, InvalidKeyException.class);
            assertThat(issued.getPublicKey())
                    .isEqualTo(cluster.agentCertificate().keyPair().getPublic());
        });
    }

    @Test
    void shorterModeSignsANotAfterEarlierThanTheCertificateTheSecretHolds() {
        withCluster(modes(SandboxScenario.CsrSigningMode.SHORTER), (cluster, client) -> {
            CsrFixtures.createForAgent(client, cluster, "renew", null);
            CsrFixtures.approve(client, "renew");

            X509Certificate issued = issued(client, "renew");
            assertThat(issued.getNotAfter())
                    .isBefore(cluster.agentCertificate().certificate().getNotAfter());
            verify(issued, cluster.pki().caCertificate());
        });
    }

    @Test
    void wrongSubjectModeSignsAnotherSubjectThanTheOneRequested() {
        withCluster(modes(SandboxScenario.CsrSigningMode.WRONG_SUBJECT), (cluster, client) -> {
            CsrFixtures.createForAgent(client, cluster, "renew", Duration.ofDays(1));
            CsrFixtures.approve(client, "renew");

            X509Certificate issued = issued(client, "renew");
            assertThat(issued.getSubjectX500Principal().getName()).isNotEqualTo("CN=konnectivity-agent");
            assertThat(issued.getPublicKey())
                    .isEqualTo(cluster.agentCertificate().keyPair().getPublic());
            verify(issued, cluster.pki().caCertificate());
        });
    }

    @Test
    void theMaximumLifetimeMayNotBeUnderTenMinutes() {
        assertThatThrownBy(() -> SandboxScenario.builder()
                        .maxCertificateLifetime(Duration.ofMinutes(9))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 minutes");
    }

    private static SandboxScenario modes(SandboxScenario.CsrSigningMode mode) {
        return QUICK.toBuilder().csrSigning(mode).build();
    }

    private static void withCluster(SandboxScenario scenario, BiConsumer<SandboxCluster, KubernetesClient> test) {
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            test.accept(cluster, client);
        }
    }

    private static X509Certificate issued(KubernetesClient client, String name) {
        try {
            return CsrFixtures.issued(CsrFixtures.get(client, name));
        } catch (Exception e) {
            throw new AssertionError("No readable certificate was issued for " + name, e);
        }
    }

    private static void verify(X509Certificate issued, X509Certificate ca) {
        try {
            issued.verify(ca.getPublicKey());
        } catch (Exception e) {
            throw new AssertionError(issued.getSubjectX500Principal() + " is not signed by the cluster CA", e);
        }
    }
}
