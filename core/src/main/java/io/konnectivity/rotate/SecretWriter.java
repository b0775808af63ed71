package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.check.AgentSecretEvaluation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes the agent Secret in place, never by delete and recreate: only the given keys change, labels and
 * annotations are kept, and the write is guarded by the {@code resourceVersion} that was read. On a conflict it
 * re-reads and goes on only if nobody changed the agent data in between.
 */
final class SecretWriter {

    private static final List<String> AGENT_KEYS = List.of(
            AgentSecretEvaluation.CA_KEY, AgentSecretEvaluation.CERTIFICATE_KEY, AgentSecretEvaluation.PRIVATE_KEY_KEY);
    private static final int ATTEMPTS = 3;

    private SecretWriter() {}

    /**
     * Writes {@code values} (base64, as stored) and {@code annotations} over {@code read}, the Secret as last read.
     *
     * @return the Secret as written
     */
    static Secret write(
            KubernetesClient client, Secret read, Map<String, String> values, Map<String, String> annotations)
            throws RotationException {
        String path =
                read.getMetadata().getNamespace() + "/" + read.getMetadata().getName();
        Secret base = read;
        for (int attempt = 1; ; attempt++) {
            Secret next = new SecretBuilder(base)
                    .editMetadata()
                    .addToAnnotations(annotations)
                    .endMetadata()
                    .addToData(values)
                    .build();
            try {
                return client.secrets()
                        .inNamespace(read.getMetadata().getNamespace())
                        .resource(next)
                        .update();
            } catch (KubernetesClientException e) {
                Secret current = reread(client, read, e);
                if (current != null && holds(current, values)) {
                    return current;
                }
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                base = checkedBase(current, read, path);
            }
        }
    }

    /** The Secret as it is after a failed write: the answer may have been lost although the write was made. */
    private static Secret reread(KubernetesClient client, Secret read, KubernetesClientException cause) {
        try {
            return client.secrets()
                    .inNamespace(read.getMetadata().getNamespace())
                    .withName(read.getMetadata().getName())
                    .get();
        } catch (KubernetesClientException e) {
            cause.addSuppressed(e);
            return null;
        }
    }

    private static boolean holds(Secret secret, Map<String, String> values) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        return values.entrySet().stream().allMatch(entry -> Objects.equals(data.get(entry.getKey()), entry.getValue()));
    }

    /** The Secret to write over after a conflict, if nobody changed the agent data meanwhile. */
    private static Secret checkedBase(Secret current, Secret read, String path) throws RotationException {
        if (current == null || !sameAgentData(current, read)) {
            throw new RotationException("The Secret " + path + " was changed by someone else while this rotation"
                    + " ran; it was not overwritten. Check it, then rerun.");
        }
        return current;
    }

    static boolean sameAgentData(Secret one, Secret other) {
        Map<String, String> a = one.getData() == null ? Map.of() : one.getData();
        Map<String, String> b = other.getData() == null ? Map.of() : other.getData();
        return AGENT_KEYS.stream().allMatch(key -> Objects.equals(a.get(key), b.get(key)));
    }
}
