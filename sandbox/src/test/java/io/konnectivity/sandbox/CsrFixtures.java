package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CertificateSigningRequests and Secret renewals made the way a rotation makes them. */
final class CsrFixtures {

    private CsrFixtures() {}

    /** A request for the client signer, for {@code subject} and {@code key}, asking for {@code lifetime} (or not). */
    static CertificateSigningRequest csr(String name, String subject, KeyPair key, Duration lifetime) {
        try {
            String algorithm = key.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            String pem = SandboxPki.toPem(
                    new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), key.getPublic())
                            .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
            CertificateSigningRequestBuilder csr = new CertificateSigningRequestBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .withNewSpec()
                    .withRequest(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)))
                    .withSignerName("kubernetes.io/kube-apiserver-client")
                    .withUsages("digital signature", "key encipherment", "client auth")
                    .endSpec();
            if (lifetime != null) {
                csr.editSpec().withExpirationSeconds((int) lifetime.toSeconds()).endSpec();
            }
            return csr.build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a request for the agent's own key and subject. */
    static void createForAgent(KubernetesClient client, SandboxCluster cluster, String name, Duration lifetime) {
        client.certificates()
                .v1()
                .certificateSigningRequests()
                .resource(csr(
                        name,
                        "CN=konnectivity-agent",
                        cluster.agentCertificate().keyPair(),
                        lifetime))
                .create();
    }

    /** Approves as {@code kubectl certificate approve} does, through the approval subresource. */
    static void approve(KubernetesClient client, String name) {
        client.certificates()
                .v1()
                .certificateSigningRequests()
                .withName(name)
                .approve(new CertificateSigningRequestConditionBuilder()
                        .withType("Approved")
                        .withStatus("True")
                        .withReason("SandboxTest")
                        .withMessage("approved by the test")
                        .build());
    }

    static CertificateSigningRequest get(KubernetesClient client, String name) {
        return client.certificates()
                .v1()
                .certificateSigningRequests()
                .withName(name)
                .get();
    }

    /** The certificate a signed request holds. */
    static X509Certificate issued(CertificateSigningRequest csr) throws Exception {
        return SandboxClusterTest.parse(
                SandboxClusterTest.decode(csr.getStatus().getCertificate()));
    }

    /** Writes a fresh certificate for the agent's existing key into the Secret, as a renewal does. */
    static SandboxPki.IssuedCertificate renewInSecret(SandboxCluster cluster, KubernetesClient client) {
        Instant now = cluster.scenario().clock().instant();
        SandboxPki.IssuedCertificate renewed = cluster.pki()
                .issueClient(
                        "CN=konnectivity-agent",
                        now,
                        now.plus(Duration.ofDays(365)),
                        cluster.agentCertificate().keyPair());
        client.secrets()
                .inNamespace("kube-system")
                .withName("konnectivity-certs")
                .edit(secret -> {
                    Map<String, String> data = new HashMap<>(secret.getData());
                    data.put(
                            "client.crt",
                            Base64.getEncoder()
                                    .encodeToString(renewed.certificatePem().getBytes(StandardCharsets.UTF_8)));
                    secret.setData(data);
                    return secret;
                });
        return renewed;
    }

    static void rolloutRestart(KubernetesClient client) {
        client.apps()
                .deployments()
                .inNamespace("kube-system")
                .withName("konnectivity-agent")
                .rolling()
                .restart();
    }
}
