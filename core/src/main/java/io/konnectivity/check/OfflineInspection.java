package io.konnectivity.check;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.konnectivity.cluster.TunnelState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a check report without a cluster: from certificate, key and CA files, or from a saved Secret. */
public final class OfflineInspection {

    private final Clock clock;
    private final Thresholds thresholds;

    public OfflineInspection(Clock clock, Thresholds thresholds) {
        this.clock = clock;
        this.thresholds = thresholds;
    }

    /** The agent checks of separate files; {@code key} and {@code ca} may be null. */
    public CheckReport files(Path certificate, Path key, Path ca) throws IOException {
        Map<String, byte[]> data = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        put(data, paths, AgentSecretEvaluation.CERTIFICATE_KEY, certificate);
        put(data, paths, AgentSecretEvaluation.PRIVATE_KEY_KEY, key);
        put(data, paths, AgentSecretEvaluation.CA_KEY, ca);
        Instant now = clock.instant();
        List<CertificateCheck> checks = new AgentSecretEvaluation(new CertificateJudge(thresholds, now))
                .evaluate(
                        "files",
                        data,
                        (name, index) -> Location.file(paths.getOrDefault(name, "(no " + name + " given)"), index));
        return report(certificate.toString(), now, checks, List.of());
    }

    /** The agent checks of a Secret saved as YAML or JSON, as {@code kubectl get secret -o yaml} writes it. */
    public CheckReport savedSecret(Path file) throws IOException {
        Secret secret = readSecret(file);
        String namespace = secret.getMetadata().getNamespace() == null
                ? "default"
                : secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        Instant now = clock.instant();
        Map<String, byte[]> data = ClusterChecker.decodedData(secret);
        List<CertificateCheck> checks = data.containsKey(AgentSecretEvaluation.CERTIFICATE_KEY)
                ? new AgentSecretEvaluation(new CertificateJudge(thresholds, now)).evaluate(namespace, name, data)
                : new SecretScan(new CertificateJudge(thresholds, now)).scan(namespace, name, data);
        if (checks.isEmpty()) {
            throw new IOException("The Secret " + namespace + "/" + name + " in " + file
                    + " holds no certificate (keys: " + (data.isEmpty() ? "none" : String.join(", ", data.keySet()))
                    + ").");
        }
        return report(file.toString(), now, checks, List.of());
    }

    private static Secret readSecret(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("The file " + file + " does not exist.");
        }
        Object parsed;
        try {
            parsed = Serialization.unmarshal(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            throw new IOException("The file " + file + " is not a Kubernetes object in YAML or JSON.");
        }
        if (parsed instanceof Secret secret && secret.getMetadata() != null) {
            return secret;
        }
        String kind = parsed instanceof HasMetadata object ? object.getKind() : "no Kubernetes object";
        throw new IOException("The file " + file + " holds " + kind + ", not a Secret.");
    }

    private static void put(Map<String, byte[]> data, Map<String, String> paths, String key, Path file)
            throws IOException {
        if (file == null) {
            return;
        }
        try {
            data.put(key, Files.readAllBytes(file));
            paths.put(key, file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException("The file " + file + " does not exist.");
        }
    }

    private CheckReport report(String name, Instant now, List<CertificateCheck> checks, List<Finding> findings) {
        ClusterResult result = new ClusterResult.Checked(
                name,
                "",
                now,
                Duration.ZERO,
                checks,
                null,
                new TunnelState.NotProbed("offline inspection"),
                findings,
                Map.of());
        return new CheckReport(now, thresholds, List.of(result));
    }
}
