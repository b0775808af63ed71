package io.konnectivity.sandbox.arm;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What AKS's full certificate rotation leaves in a sandbox cluster: a new agent certificate and key in the Secret
 * {@code kube-system/konnectivity-certs} (the CA kept) and agent pods recreated, so that they load the new certificate.
 */
final class AgentRenewal {

    /** The validity AKS gives the cluster certificates it renews. */
    static final Duration RENEWED_VALIDITY = Duration.ofDays(730);

    private static final String NAMESPACE = "kube-system";
    private static final String SECRET = "konnectivity-certs";
    /** The sandbox's pod annotation telling until when the certificate a pod loaded at start is valid. */
    private static final String LOADED_NOT_AFTER = "sandbox.konnectivity.io/loaded-certificate-not-after";

    private AgentRenewal() {}

    /** Renews the agent certificate of {@code sandbox}; returns the new one. */
    static SandboxPki.IssuedCertificate renew(SandboxCluster sandbox) {
        Instant now = sandbox.pki().clock().instant();
        SandboxPki.IssuedCertificate fresh = sandbox.pki()
                .issueClient(
                        "CN=konnectivity-agent",
                        now.minus(Duration.ofMinutes(5)),
                        now.plus(RENEWED_VALIDITY),
                        SandboxPki.KeyType.EC_P256);
        KubernetesClient client = sandbox.adminClient();
        client.secrets().inNamespace(NAMESPACE).withName(SECRET).edit(secret -> {
            Map<String, String> data = new HashMap<>(secret.getData());
            data.put("client.crt", base64(fresh.certificatePem()));
            data.put("client.key", base64(fresh.privateKeyPem()));
            secret.setData(data);
            return secret;
        });
        recreateAgentPods(client, fresh.certificate().getNotAfter().toInstant(), now);
        return fresh;
    }

    private static void recreateAgentPods(KubernetesClient client, Instant loadedNotAfter, Instant now) {
        for (String label : List.of("app", "k8s-app")) {
            List<Pod> pods = client.pods()
                    .inNamespace(NAMESPACE)
                    .withLabel(label, "konnectivity-agent")
                    .list()
                    .getItems();
            for (Pod pod : pods) {
                client.resource(pod).delete();
                client.resource(replacement(pod, loadedNotAfter, now)).create();
            }
        }
    }

    private static Pod replacement(Pod old, Instant loadedNotAfter, Instant now) {
        ObjectMeta meta = old.getMetadata();
        Map<String, String> annotations =
                new HashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
        annotations.put(LOADED_NOT_AFTER, loadedNotAfter.toString());
        String base = meta.getName().contains("-")
                ? meta.getName().substring(0, meta.getName().lastIndexOf('-'))
                : meta.getName();
        return new PodBuilder(old)
                .editMetadata()
                .withName(base + "-" + UUID.randomUUID().toString().substring(0, 5))
                .withUid(null)
                .withResourceVersion(null)
                .withCreationTimestamp(now.toString())
                .withAnnotations(annotations)
                .endMetadata()
                .editOrNewStatus()
                .withStartTime(now.toString())
                .endStatus()
                .build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
