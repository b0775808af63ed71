package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Stands in for kube-controller-manager's {@code kubernetes.io/kube-apiserver-client} signer: approving a request
 * through the {@code approval} subresource gets it signed by the cluster CA at once, or marked Failed with the reason.
 */
final class CsrSigning {

    static final String SIGNER = "kubernetes.io/kube-apiserver-client";

    /** kube-controller-manager's default {@code --cluster-signing-duration}. */
    private static final Duration MAXIMUM_DURATION = Duration.ofDays(365);

    private static final Duration MINIMUM_DURATION = Duration.ofSeconds(600);
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Set<String> ALLOWED_USAGES = Set.of("digital signature", "key encipherment", "client auth");

    private final ObjectStore store;
    private final SandboxPki pki;
    private final SandboxScenario scenario;

    CsrSigning(ObjectStore store, SandboxPki pki, SandboxScenario scenario) {
        this.store = store;
        this.pki = pki;
        this.scenario = scenario;
    }

    /** Records the approval or denial sent, and signs an approved request for the client signer. */
    MockResponse approval(ApiRequest request, RecordedRequest http) {
        CertificateSigningRequest stored =
                store.get(request.objectPath(), CertificateSigningRequest.class).orElse(null);
        if (stored == null) {
            return ApiResponses.notFound(request);
        }
        CertificateSigningRequest sent = Serialization.unmarshal(
                new String(http.getBody().getBytes(), StandardCharsets.UTF_8), CertificateSigningRequest.class);
        List<CertificateSigningRequestCondition> conditions = new ArrayList<>(
                sent.getStatus() == null ? List.of() : sent.getStatus().getConditions());
        CertificateSigningRequestStatus status =
                stored.getStatus() == null ? new CertificateSigningRequestStatus() : stored.getStatus();
        status.setConditions(conditions);
        stored.setStatus(status);

        if (has(conditions, "Approved")
                && !has(conditions, "Denied")
                && status.getCertificate() == null
                && SIGNER.equals(stored.getSpec().getSignerName())) {
            sign(stored);
        }
        store.replaceStatus(stored);
        return ApiResponses.json(
                200,
                store.get(request.objectPath(), CertificateSigningRequest.class).orElseThrow());
    }

    private void sign(CertificateSigningRequest csr) {
        List<String> usages = csr.getSpec().getUsages();
        if (!usages.contains("client auth") || !ALLOWED_USAGES.containsAll(usages)) {
            fail(csr, "invalid usage for client certificate: " + usages);
            return;
        }
        PKCS10CertificationRequest request;
        try {
            request = parse(csr.getSpec().getRequest());
        } catch (IOException | RuntimeException e) {
            fail(csr, "unable to parse csr: " + e.getMessage());
            return;
        }
        if (List.of(request.getSubject().getRDNs(BCStyle.O)).stream()
                .anyMatch(
                        rdn -> "system:masters".equals(rdn.getFirst().getValue().toString()))) {
            fail(csr, "use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed");
            return;
        }
        Instant now = scenario.clock().instant();
        try {
            SandboxPki.IssuedCertificate issued = pki.sign(request, now.minus(BACKDATE), now.plus(duration(csr)), true);
            csr.getStatus()
                    .setCertificate(Base64.getEncoder()
                            .encodeToString(issued.certificatePem().getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            fail(csr, e.getMessage());
        }
    }

    private static Duration duration(CertificateSigningRequest csr) {
        Integer seconds = csr.getSpec().getExpirationSeconds();
        if (seconds == null) {
            return MAXIMUM_DURATION;
        }
        Duration asked = Duration.ofSeconds(seconds);
        if (asked.compareTo(MINIMUM_DURATION) < 0) {
            return MINIMUM_DURATION;
        }
        return asked.compareTo(MAXIMUM_DURATION) > 0 ? MAXIMUM_DURATION : asked;
    }

    private void fail(CertificateSigningRequest csr, String message) {
        String now = scenario.clock().instant().toString();
        csr.getStatus()
                .getConditions()
                .add(new CertificateSigningRequestConditionBuilder()
                        .withType("Failed")
                        .withStatus("True")
                        .withReason("SignerValidationFailure")
                        .withMessage(message)
                        .withLastUpdateTime(now)
                        .withLastTransitionTime(now)
                        .build());
    }

    private static PKCS10CertificationRequest parse(String base64Pem) throws IOException {
        String pem = new String(Base64.getDecoder().decode(base64Pem), StandardCharsets.UTF_8);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed instanceof PKCS10CertificationRequest request) {
                return request;
            }
            throw new IOException("PEM block is not a CERTIFICATE REQUEST");
        }
    }

    private static boolean has(List<CertificateSigningRequestCondition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && !"False".equals(c.getStatus()));
    }
}
