package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Stands in for kube-controller-manager's {@code kubernetes.io/kube-apiserver-client} signer and for the API server's
 * checks around it: creation validates {@code expirationSeconds}, the {@code approval} subresource keeps conditions
 * from being removed or contradicted and checks the {@code approve} permission on the signer, and approval gets the
 * request signed at once, or treated as the scenario's {@link SandboxScenario.CsrSigningMode} says.
 */
final class CsrSigning {

    static final String SIGNER = "kubernetes.io/kube-apiserver-client";

    private static final String KIND = "CertificateSigningRequest";
    private static final Duration MINIMUM_DURATION = Duration.ofSeconds(600);
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Set<String> ALLOWED_USAGES = Set.of("digital signature", "key encipherment", "client auth");
    private static final List<String> LASTING_CONDITIONS = List.of("Approved", "Denied", "Failed");

    private final ObjectStore store;
    private final SandboxPki pki;
    private final SandboxScenario scenario;
    private final AccessControl access;
    private SandboxPki otherCa;

    CsrSigning(ObjectStore store, SandboxPki pki, SandboxScenario scenario, AccessControl access) {
        this.store = store;
        this.pki = pki;
        this.scenario = scenario;
        this.access = access;
    }

    /** The 422 a create gets for an {@code expirationSeconds} under ten minutes, as the API server validates it. */
    Optional<MockResponse> validateCreate(ApiRequest request, byte[] body) {
        CertificateSigningRequest csr;
        try {
            csr = Serialization.unmarshal(new String(body, StandardCharsets.UTF_8), CertificateSigningRequest.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (csr == null || csr.getSpec() == null || csr.getSpec().getExpirationSeconds() == null) {
            return Optional.empty();
        }
        int seconds = csr.getSpec().getExpirationSeconds();
        if (seconds >= MINIMUM_DURATION.toSeconds()) {
            return Optional.empty();
        }
        String name = csr.getMetadata() == null ? "" : csr.getMetadata().getName();
        return Optional.of(ApiResponses.invalid(
                request,
                KIND,
                name,
                "spec.expirationSeconds",
                "FieldValueInvalid",
                "Invalid value: " + seconds + ": may not specify a duration less than 600 seconds (10 minutes)"));
    }

    /** After a create: in {@code DENY} mode, someone denies a request for the client signer at once. */
    void afterCreate(String createdJson) {
        if (scenario.csrSigning() != SandboxScenario.CsrSigningMode.DENY) {
            return;
        }
        CertificateSigningRequest created = Serialization.unmarshal(createdJson, CertificateSigningRequest.class);
        if (!SIGNER.equals(created.getSpec().getSignerName())) {
            return;
        }
        CertificateSigningRequestStatus status =
                created.getStatus() == null ? new CertificateSigningRequestStatus() : created.getStatus();
        status.getConditions()
                .add(condition("Denied", "KubectlDeny", "This CSR was denied by kubectl certificate deny."));
        created.setStatus(status);
        store.replaceStatus(created);
    }

    /** {@code PUT .../approval}: records the approval or denial sent, and signs an approved request for the signer. */
    MockResponse approval(ApiRequest request, byte[] body) {
        CertificateSigningRequest stored =
                store.get(request.objectPath(), CertificateSigningRequest.class).orElse(null);
        if (stored == null) {
            return ApiResponses.notFound(request);
        }
        CertificateSigningRequest sent =
                Serialization.unmarshal(new String(body, StandardCharsets.UTF_8), CertificateSigningRequest.class);
        String sentVersion =
                sent.getMetadata() == null ? null : sent.getMetadata().getResourceVersion();
        if (sentVersion != null
                && !sentVersion.isEmpty()
                && !sentVersion.equals(stored.getMetadata().getResourceVersion())) {
            return ApiResponses.conflict(request);
        }
        List<CertificateSigningRequestCondition> before = conditions(stored);
        List<CertificateSigningRequestCondition> conditions = new ArrayList<>(conditions(sent));
        Optional<MockResponse> invalid = validateConditions(request, before, conditions);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (count(conditions, "Approved") > count(before, "Approved") && access.denies("approve", "signers")) {
            return ApiResponses.forbidden(
                    request,
                    request.name(),
                    "user not permitted to approve requests with signerName \""
                            + stored.getSpec().getSignerName() + "\"");
        }
        CertificateSigningRequestStatus status =
                stored.getStatus() == null ? new CertificateSigningRequestStatus() : stored.getStatus();
        status.setConditions(conditions);
        stored.setStatus(status);

        if (has(conditions, "Approved")
                && !has(conditions, "Denied")
                && !has(conditions, "Failed")
                && (status.getCertificate() == null || status.getCertificate().isEmpty())
                && SIGNER.equals(stored.getSpec().getSignerName())) {
            sign(stored);
        }
        store.replaceStatus(stored);
        return ApiResponses.json(
                200,
                store.get(request.objectPath(), CertificateSigningRequest.class).orElseThrow());
    }

    /** The API server's rules for an approval update: no Approved beside Denied, and no lasting condition removed. */
    private static Optional<MockResponse> validateConditions(
            ApiRequest request,
            List<CertificateSigningRequestCondition> before,
            List<CertificateSigningRequestCondition> after) {
        boolean approved = false;
        boolean denied = false;
        for (int i = 0; i < after.size(); i++) {
            String type = after.get(i).getType();
            if (("Approved".equals(type) && denied) || ("Denied".equals(type) && approved)) {
                return Optional.of(ApiResponses.invalid(
                        request,
                        KIND,
                        request.name(),
                        "status.conditions[" + i + "].type",
                        "FieldValueInvalid",
                        "Invalid value: \"" + type + "\": Approved and Denied conditions are mutually exclusive"));
            }
            approved |= "Approved".equals(type);
            denied |= "Denied".equals(type);
        }
        for (String type : LASTING_CONDITIONS) {
            if (count(after, type) < count(before, type)) {
                return Optional.of(ApiResponses.invalid(
                        request,
                        KIND,
                        request.name(),
                        "status.conditions",
                        "FieldValueForbidden",
                        "Forbidden: updates may not remove a condition of type \"" + type + "\""));
            }
        }
        return Optional.empty();
    }

    private void sign(CertificateSigningRequest csr) {
        if (scenario.csrSigning() == SandboxScenario.CsrSigningMode.NEVER) {
            return; // the signer is not running: the request stays approved and unsigned
        }
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
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = now.plus(duration(csr));
        try {
            SandboxPki.IssuedCertificate issued = switch (scenario.csrSigning()) {
                case SIGN -> pki.sign(request, notBefore, notAfter, true);
                case OTHER_CA -> otherCa().sign(request, notBefore, notAfter, true);
                case WRONG_SUBJECT -> pki.sign(request, "CN=system:anonymous", notBefore, notAfter);
                case SHORTER -> {
                    Instant shorter = currentAgentNotAfter().orElse(now).minus(Duration.ofDays(1));
                    Instant start = notBefore.isBefore(shorter) ? notBefore : shorter.minus(Duration.ofDays(1));
                    yield pki.sign(request, start, shorter, true);
                }
                case FAIL -> {
                    fail(csr, "the signer could not sign the certificate (sandbox csrSigning FAIL)");
                    yield null;
                }
                case NEVER, DENY -> null;
            };
            if (issued != null) {
                csr.getStatus()
                        .setCertificate(Base64.getEncoder()
                                .encodeToString(issued.certificatePem().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            fail(csr, e.getMessage());
        }
    }

    /** The requested lifetime, at most the scenario's maximum; creation already refused less than ten minutes. */
    private Duration duration(CertificateSigningRequest csr) {
        Integer seconds = csr.getSpec().getExpirationSeconds();
        Duration maximum = scenario.maxCertificateLifetime();
        if (seconds == null) {
            return maximum;
        }
        Duration asked = Duration.ofSeconds(Math.max(seconds, MINIMUM_DURATION.toSeconds()));
        return asked.compareTo(maximum) > 0 ? maximum : asked;
    }

    /** When the certificate the agent Secret holds now expires, if it holds one. */
    private Optional<Instant> currentAgentNotAfter() {
        Secret secret = store.get(
                        "/api/v1/namespaces/" + AksObjects.KUBE_SYSTEM + "/secrets/" + AksObjects.SECRET, Secret.class)
                .orElse(null);
        return Optional.ofNullable(
                LoadedCertificate.fromSecret(secret, pki.caCertificate()).notAfter());
    }

    /** A CA the cluster does not know, made on first use (an EC key takes a millisecond). */
    private synchronized SandboxPki otherCa() {
        if (otherCa == null) {
            otherCa = SandboxPki.generate(
                    scenario.clusterName() + "-front-proxy", SandboxPki.KeyType.EC_P256, scenario.clock());
        }
        return otherCa;
    }

    private void fail(CertificateSigningRequest csr, String message) {
        csr.getStatus().getConditions().add(condition("Failed", "SignerValidationFailure", message));
    }

    private CertificateSigningRequestCondition condition(String type, String reason, String message) {
        String now = scenario.clock().instant().toString();
        return new CertificateSigningRequestConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastUpdateTime(now)
                .withLastTransitionTime(now)
                .build();
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

    private static List<CertificateSigningRequestCondition> conditions(CertificateSigningRequest csr) {
        return csr.getStatus() == null || csr.getStatus().getConditions() == null
                ? List.of()
                : csr.getStatus().getConditions();
    }

    private static long count(List<CertificateSigningRequestCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).count();
    }

    private static boolean has(List<CertificateSigningRequestCondition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && !"False".equals(c.getStatus()));
    }
}
