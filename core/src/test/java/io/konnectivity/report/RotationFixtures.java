package io.konnectivity.report;

import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationMode;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationResult;
import io.konnectivity.rotate.RotationStep;
import io.konnectivity.rotate.RotationStep.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Rotation reports as a rotation would produce them, for the renderers to render. */
final class RotationFixtures {

    static final Instant NOW = ReportFixtures.NOW;
    static final String CLUSTER = ReportFixtures.EXPIRING;
    static final String SERVER = ReportFixtures.EXPIRING_SERVER;
    static final String AGENT = "kube-system/konnectivity-certs[client.crt]";
    static final String BACKUP = "konnectivity-certs-backup-20250301-060001";
    static final String CSR = "konnectivity-certs-20250301060003-b4k9z";

    /** The agent certificate before: 5 days left, expiring 2025-03-06 12:00 UTC. */
    static final CertificateFacts BEFORE = ReportFixtures.facts("CN=konnectivity-agent", 5);

    /** The certificate the API server signed: a year longer, expiring 2026-03-06 12:00 UTC. */
    static final CertificateFacts AFTER = new CertificateFacts(
            "CN=konnectivity-agent",
            "CN=ca",
            "7a8b9c0d1e",
            "12:34:56:78",
            Instant.parse("2025-03-01T05:59:00Z"),
            Instant.parse("2026-03-06T12:00:00Z"),
            "RSA",
            2048,
            List.of("digitalSignature", "keyEncipherment"),
            List.of("clientAuth"),
            false,
            false);

    private RotationFixtures() {}

    /** A CSR rotation that renewed the agent certificate and proved the tunnel works. */
    static RotationReport rotated() {
        List<RotationStep> steps = new ArrayList<>(renewal());
        steps.add(step(
                "restart",
                Outcome.DONE,
                31_200,
                "rollout-restarted Deployment kube-system/konnectivity-agent:" + " 2 of 2 pods ready"));
        steps.add(step(
                "verify",
                Outcome.DONE,
                6_800,
                "tunnel works: read the log of pod" + " konnectivity-agent-5c8b4-abcde"));
        steps.add(step("cleanup", Outcome.DONE, 180, "deleted CSR " + CSR + ", released the lock"));
        return report(
                Duration.ofMillis(42_500),
                new RotationResult.Rotated("Renewed " + AGENT + ": 2026-03-06T12:00:00Z; the tunnel works."),
                steps,
                List.of(new CertificateChange(AGENT, BEFORE, AFTER)),
                BACKUP,
                CSR);
    }

    /** A dry run: the preflight, then every step it would take. */
    static RotationReport dryRun() {
        List<RotationStep> steps = new ArrayList<>(List.of(preflight()));
        steps.add(planned("lock", "take Lease kube-system/konnectivity-certs-rotation as alice@laptop"));
        steps.add(planned(
                "backup",
                "copy kube-system/konnectivity-certs to a new backup Secret, verify it, keep the" + " newest 5"));
        steps.add(planned(
                "csr",
                "create a CertificateSigningRequest for CN=konnectivity-agent with the existing RSA"
                        + " key, signer kubernetes.io/kube-apiserver-client"));
        steps.add(planned("approval", "approve it through /approval"));
        steps.add(planned(
                "issued",
                "check the certificate matches the key, keeps the subject, allows client auth,"
                        + " outlives 2025-03-06T12:00:00Z and chains to ca.crt"));
        steps.add(planned(
                "update",
                "replace only client.crt in kube-system/konnectivity-certs, guarded by" + " resourceVersion 81234"));
        steps.add(planned(
                "restart",
                "rollout-restart Deployment kube-system/konnectivity-agent (2 pods) and wait" + " 300 s at most"));
        steps.add(planned("verify", "read an agent pod's log through the tunnel; roll back if it fails"));
        steps.add(planned("cleanup", "delete the CSR, release the lock"));
        return report(
                Duration.ofMillis(1_050),
                new RotationResult.Unchanged("Dry run: nothing was changed."),
                steps,
                List.of(new CertificateChange(AGENT, BEFORE, null)),
                null,
                null);
    }

    /** A rotation whose new certificate broke the tunnel, so it restored the backup. */
    static RotationReport rolledBack() {
        String why = "The tunnel does not work after the restart: down (dial tcp 10.240.0.4:10250: i/o timeout)";
        List<RotationStep> steps = new ArrayList<>(renewal());
        steps.add(step(
                "restart",
                Outcome.DONE,
                31_200,
                "rollout-restarted Deployment kube-system/konnectivity-agent:" + " 2 of 2 pods ready"));
        steps.add(step("verify", Outcome.FAILED, 60_000, why));
        steps.add(step(
                "rollback",
                Outcome.DONE,
                35_000,
                "restored the agent data from kube-system/" + BACKUP
                        + ", rollout-restarted Deployment kube-system/konnectivity-agent: 2 of 2 pods ready; tunnel after"
                        + " rollback: up (pod konnectivity-agent-5c8b4-fghij)"));
        steps.add(step("cleanup", Outcome.DONE, 150, "deleted CSR " + CSR + ", released the lock"));
        return report(
                Duration.ofMillis(131_000),
                new RotationResult.RolledBack("The renewal did not work (" + why + ") and was rolled back from backup"
                        + " kube-system/" + BACKUP + "; tunnel now: up (pod konnectivity-agent-5c8b4-fghij)."),
                steps,
                List.of(new CertificateChange(AGENT, BEFORE, AFTER)),
                BACKUP,
                CSR);
    }

    static final String MISSING_PERMISSIONS = "The identity of context aks-test-neu-admin may not create"
            + " certificatesigningrequests.certificates.k8s.io; grant the role in docs/rbac.yaml. Nothing was changed.";

    /** A rotation that stopped in its preflight, before it changed anything. */
    static RotationReport failedBeforeAnyChange() {
        return report(
                Duration.ofMillis(650),
                new RotationResult.Failed(MISSING_PERMISSIONS),
                List.of(step("preflight", Outcome.FAILED, 400, MISSING_PERMISSIONS)),
                List.of(),
                null,
                null);
    }

    /** A rotation that could not even connect: no step, no certificate. */
    static RotationReport unreachable() {
        return new RotationReport(
                CLUSTER,
                "",
                RotationMode.CSR,
                NOW,
                Duration.ofSeconds(30),
                new RotationResult.Failed("Timed out after 30 s connecting to " + SERVER),
                List.of(),
                List.of(),
                null,
                null);
    }

    /** A restore that put back a backup whose certificate expires 12 days before the one it replaced. */
    static RotationReport restored() {
        CertificateFacts older = ReportFixtures.facts("CN=konnectivity-agent", 5 - 12);
        return new RotationReport(
                CLUSTER,
                SERVER,
                RotationMode.RESTORE,
                NOW,
                Duration.ofSeconds(40),
                new RotationResult.Rotated(
                        "Restored kube-system/konnectivity-certs from " + BACKUP + "; the tunnel works."),
                List.of(
                        step(
                                "preflight",
                                Outcome.DONE,
                                500,
                                "backup kube-system/" + BACKUP + " holds a matching key" + " and certificate (AB:CD)"),
                        step("lock", Outcome.DONE, 100, "holding the rotation lock"),
                        step(
                                "restore",
                                Outcome.DONE,
                                200,
                                "wrote the agent data of " + BACKUP + " into"
                                        + " kube-system/konnectivity-certs in place"),
                        step(
                                "restart",
                                Outcome.DONE,
                                30_000,
                                "rollout-restarted Deployment" + " kube-system/konnectivity-agent: 2 of 2 pods ready"),
                        step("verify", Outcome.DONE, 9_000, "tunnel works (pod konnectivity-agent-5c8b4-abcde)")),
                List.of(new CertificateChange(AGENT, BEFORE, older)),
                BACKUP,
                null);
    }

    /**
     * AKS's full rotation: the agent certificate renewed, the cluster CA unchanged, and a serving certificate read
     * only afterwards.
     */
    static RotationReport fullRotation() {
        return new RotationReport(
                "aks-legacy-eus",
                ReportFixtures.EXPIRED_SERVER,
                RotationMode.FULL,
                NOW,
                Duration.ofMinutes(25),
                new RotationResult.Rotated("AKS rotated the certificates of aks-legacy-eus; the tunnel works."),
                List.of(
                        step("before", Outcome.DONE, 1_200, "Read 3 certificates before; worst status EXPIRED."),
                        step("rotate-certs", Outcome.DONE, 1_440_000, "az aks rotate-certs finished"),
                        step("after", Outcome.DONE, 1_300, "Read 4 certificates after; worst status OK.")),
                List.of(
                        new CertificateChange(AGENT, BEFORE, AFTER),
                        new CertificateChange(
                                "kube-system/konnectivity-certs[ca.crt]",
                                ReportFixtures.facts("CN=ca", 30 * 365),
                                null),
                        new CertificateChange(
                                "https://aks-legacy-eus-09be.hcp.eastus.azmk8s.io:443",
                                null,
                                ReportFixtures.facts("CN=apiserver", 700))),
                null,
                null);
    }

    /** A rotation whose cluster, result, step and certificate all carry {@code text}. */
    static RotationReport hostile(String cluster, String text) {
        CertificateFacts facts = new CertificateFacts(
                text,
                text,
                "01",
                "AB",
                NOW,
                NOW.plus(Duration.ofDays(10)),
                "RSA",
                2048,
                List.of(),
                List.of(),
                false,
                false);
        return new RotationReport(
                cluster,
                "https://hostile.example:443",
                RotationMode.CSR,
                NOW,
                Duration.ofSeconds(2),
                new RotationResult.Failed(text),
                List.of(step(text, Outcome.FAILED, 1_000, text)),
                List.of(new CertificateChange(text, facts, null)),
                text,
                text);
    }

    /** A private key, as a rotation handles it. */
    record Key(String pem, String der, String secretData) {}

    static Key key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair pair = generator.generateKeyPair();
        String der = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new Key(pem, der, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A public key in Base64, which may be shown: only private keys are removed. */
    static String publicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return Base64.getEncoder()
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    }

    /**
     * A failed rotation whose messages quote the private key every way it could travel: as PEM, as Base64 Secret
     * data, as Base64 DER and cut off in the middle of a PEM body.
     */
    static RotationReport quotingKeys(Key key, String publicKey) {
        String cutOff = key.pem().substring(0, key.pem().length() / 2).replace("BEGIN PRIVATE", "BEGIN RSA PRIVATE");
        return report(
                Duration.ofSeconds(5),
                new RotationResult.Failed("The API server refused the Secret: " + key.pem() + " Restore by hand."),
                List.of(
                        step("backup", Outcome.DONE, 1_000, "backed up {\"client.key\":\"" + key.secretData() + "\"}"),
                        step(
                                "csr",
                                Outcome.DONE,
                                1_000,
                                "signed with key " + key.der() + " and public key " + publicKey),
                        step("update", Outcome.FAILED, 1_000, "422 Unprocessable: " + cutOff)),
                List.of(new CertificateChange(AGENT, BEFORE, AFTER)),
                BACKUP,
                CSR);
    }

    /** Preflight, lock, backup, CSR, approval, issue and update, each done. */
    private static List<RotationStep> renewal() {
        return List.of(
                preflight(),
                step(
                        "lock",
                        Outcome.DONE,
                        120,
                        "holding Lease kube-system/konnectivity-certs-rotation as" + " jenkins/rotate-certs#42"),
                step(
                        "backup",
                        Outcome.DONE,
                        310,
                        "copied kube-system/konnectivity-certs to kube-system/" + BACKUP + " and read it back equal"),
                step(
                        "csr",
                        Outcome.DONE,
                        95,
                        "created CertificateSigningRequest " + CSR + " for CN=konnectivity-agent"
                                + " (signer kubernetes.io/kube-apiserver-client)"),
                step("approval", Outcome.DONE, 60, "approved " + CSR + " through /approval"),
                step(
                        "issued",
                        Outcome.DONE,
                        2_400,
                        "issued certificate matches client.key, keeps the subject, allows"
                                + " client auth, expires 2026-03-06T12:00:00Z and chains to ca.crt"),
                step(
                        "update",
                        Outcome.DONE,
                        140,
                        "replaced client.crt in kube-system/konnectivity-certs in place"
                                + " (resourceVersion 81234 -> 81240); ca.crt and client.key unchanged"));
    }

    private static RotationStep preflight() {
        return step(
                "preflight",
                Outcome.DONE,
                850,
                "read kube-system/konnectivity-certs (subject"
                        + " CN=konnectivity-agent, expires 2025-03-06T12:00:00Z, key RSA matches); Deployment"
                        + " kube-system/konnectivity-agent uses the certificate; every permission granted");
    }

    private static RotationStep planned(String name, String detail) {
        return new RotationStep(name, Outcome.PLANNED, detail, Duration.ZERO);
    }

    static RotationStep step(String name, Outcome outcome, long millis, String detail) {
        return new RotationStep(name, outcome, detail, Duration.ofMillis(millis));
    }

    private static RotationReport report(
            Duration took,
            RotationResult result,
            List<RotationStep> steps,
            List<CertificateChange> certificates,
            String backup,
            String csr) {
        return new RotationReport(
                CLUSTER, SERVER, RotationMode.CSR, NOW, took, result, steps, certificates, backup, csr);
    }
}
