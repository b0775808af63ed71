package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.cert.CertificateDecoder;
import io.konnectivity.cert.CertificateFormatException;
import io.konnectivity.cert.CertificateReader;
import io.konnectivity.cert.ChainVerifier;
import io.konnectivity.cert.KeyMatch;
import io.konnectivity.cert.Pem;
import io.konnectivity.cluster.TransientErrors;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Has the API server sign a new agent certificate for the existing key: a PKCS#10 request with the current subject,
 * a uniquely named CertificateSigningRequest for the {@code kubernetes.io/kube-apiserver-client} signer, approval,
 * and a strict check of what comes back.
 */
public final class CsrSigner {

    public static final String SIGNER_NAME = "kubernetes.io/kube-apiserver-client";
    public static final String REQUESTED_BY_ANNOTATION = "konnectivity.io/requested-by";
    public static final String REASON_ANNOTATION = "konnectivity.io/reason";

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final Clock clock;
    private final RotationListener listener;
    private final String cluster;

    public CsrSigner(KubernetesClient client, Clock clock, RotationListener listener, String cluster) {
        this.client = client;
        this.clock = clock;
        this.listener = listener;
        this.cluster = cluster;
    }

    /** A CSR name no earlier run used: the Secret's name, the time and a random suffix. */
    public String newName(String secret) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return secret + "-" + NAME_TIME.format(clock.instant()) + "-" + suffix;
    }

    /** Creates the CertificateSigningRequest {@code name} for the agent's key and subject. */
    public void create(String name, AgentSecret agent, RotationRequest request) throws RotationException {
        List<String> usages = new ArrayList<>(List.of("digital signature", "client auth"));
        if ("RSA".equals(agent.key().getAlgorithm())) {
            usages.add(1, "key encipherment");
        }
        CertificateSigningRequestBuilder csr = new CertificateSigningRequestBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/managed-by", "konnectivity")
                .addToLabels("konnectivity.io/secret", request.names().secret())
                .addToAnnotations(REQUESTED_BY_ANNOTATION, request.holder())
                .addToAnnotations(REASON_ANNOTATION, request.reason())
                .addToAnnotations("konnectivity.io/renews", agent.path() + " " + agent.fingerprint())
                .endMetadata()
                .withNewSpec()
                .withRequest(Base64.getEncoder().encodeToString(pkcs10Pem(agent).getBytes(StandardCharsets.US_ASCII)))
                .withSignerName(SIGNER_NAME)
                .withUsages(usages)
                .endSpec();
        if (request.validity() != null) {
            csr.editSpec()
                    .withExpirationSeconds((int) request.validity().toSeconds())
                    .endSpec();
        }
        client.certificates()
                .v1()
                .certificateSigningRequests()
                .resource(csr.build())
                .create();
    }

    /** Approves through the approval subresource, with a reason and message that say who and why. */
    public void approve(String name, RotationRequest request) {
        CertificateSigningRequestCondition condition = new CertificateSigningRequestConditionBuilder()
                .withType("Approved")
                .withStatus("True")
                .withReason("KonnectivityRotation")
                .withMessage("Approved by " + request.holder() + " to " + request.reason())
                .build();
        client.certificates().v1().certificateSigningRequests().withName(name).approve(condition);
    }

    /**
     * Waits for the signed certificate: first for approval (by anyone), then for the signer. Denied or Failed ends the
     * wait at once.
     */
    public X509Certificate awaitCertificate(String name, Duration timeout) throws RotationException {
        Instant deadline = clock.instant().plus(timeout);
        boolean approvedSeen = false;
        while (true) {
            CertificateSigningRequest csr;
            try {
                csr = client.certificates()
                        .v1()
                        .certificateSigningRequests()
                        .withName(name)
                        .get();
            } catch (KubernetesClientException e) {
                // A long wait for an approver outlasts a passing API server error: look again until the deadline.
                if (!TransientErrors.isTransient(e) || !clock.instant().isBefore(deadline)) {
                    throw e;
                }
                sleep();
                continue;
            }
            if (csr == null) {
                throw new RotationException("The CertificateSigningRequest " + name + " disappeared before it was"
                        + " signed (deleted, or garbage-collected after an hour).");
            }
            Optional<CertificateSigningRequestCondition> ended =
                    condition(csr, "Denied").or(() -> condition(csr, "Failed"));
            if (ended.isPresent()) {
                throw new RotationException("The CertificateSigningRequest " + name + " was "
                        + ended.get().getType().toLowerCase(java.util.Locale.ROOT) + ": "
                        + ended.get().getReason() + " "
                        + Optional.ofNullable(ended.get().getMessage()).orElse("")
                        + ". The Secret was not changed.");
            }
            String issued = csr.getStatus() == null ? null : csr.getStatus().getCertificate();
            if (issued != null && !issued.isBlank()) {
                return decodeIssued(name, issued);
            }
            if (!approvedSeen && condition(csr, "Approved").isPresent()) {
                approvedSeen = true;
                listener.progress(cluster, "CSR " + name + " approved; waiting for the signer");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new RotationException("The CertificateSigningRequest " + name + " was "
                        + (approvedSeen
                                ? "approved but not signed within " + timeout.toSeconds() + " s (signing failures show"
                                        + " only in the controller manager's logs, which AKS does not expose)"
                                : "not approved within " + timeout.toSeconds() + " s (approve it with kubectl"
                                        + " certificate approve " + name + ")")
                        + ". The Secret was not changed.");
            }
            sleep();
        }
    }

    /**
     * Every reason the issued certificate must not replace the current one: key, subject, client auth, lifetime, and
     * the chain to the Secret's own {@code ca.crt}.
     */
    public static List<String> problems(X509Certificate issued, AgentSecret agent) {
        List<String> problems = new ArrayList<>();
        if (!KeyMatch.matches(agent.key(), issued.getPublicKey())) {
            problems.add("it does not match the agent's client.key");
        }
        if (!issued.getSubjectX500Principal().equals(agent.subject())) {
            problems.add("its subject " + issued.getSubjectX500Principal() + " differs from " + agent.subject());
        }
        if (!CertificateReader.read(issued).allowsClientAuth()) {
            problems.add("it lacks the clientAuth extended key usage");
        }
        if (!issued.getNotAfter().after(agent.certificate().getNotAfter())) {
            problems.add("it expires at " + issued.getNotAfter().toInstant() + ", no later than the current one ("
                    + agent.certificate().getNotAfter().toInstant() + ")");
        }
        ChainVerifier.problem(issued, List.of(), agent.caBundle(), agent.path() + "[ca.crt]")
                .ifPresent(problem ->
                        problems.add("it does not chain to the CA the konnectivity server trusts: " + problem));
        return problems;
    }

    /** Deletes the CSR; absent is fine. */
    public void delete(String name) {
        client.certificates().v1().certificateSigningRequests().withName(name).delete();
    }

    private static Optional<CertificateSigningRequestCondition> condition(CertificateSigningRequest csr, String type) {
        if (csr.getStatus() == null || csr.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return csr.getStatus().getConditions().stream()
                .filter(condition -> type.equals(condition.getType()))
                .filter(condition -> !"False".equals(condition.getStatus()))
                .findFirst();
    }

    private static X509Certificate decodeIssued(String name, String issued) throws RotationException {
        try {
            return CertificateDecoder.decodeFirst(
                    Base64.getMimeDecoder().decode(issued), "the certificate issued for " + name);
        } catch (CertificateFormatException | IllegalArgumentException e) {
            throw new RotationException(e.getMessage() + " The Secret was not changed.", e);
        }
    }

    private static String pkcs10Pem(AgentSecret agent) throws RotationException {
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                            agent.subject(), agent.certificate().getPublicKey())
                    .build(new JcaContentSignerBuilder(KeyMatch.signatureAlgorithm(
                                    agent.certificate().getPublicKey()))
                            .build(agent.key()));
            return Pem.encode(request);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new RotationException(
                    "Could not sign a certificate request with " + agent.path() + "[client.key]: " + e.getMessage()
                            + ". Nothing was changed.",
                    e);
        }
    }

    private static void sleep() throws RotationException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RotationException("Interrupted while waiting for the certificate.", e);
        }
    }
}
