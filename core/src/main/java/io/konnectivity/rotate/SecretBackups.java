package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.konnectivity.check.AgentNames;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies of the agent Secret kept in the cluster beside it: made and verified before any change, listed, pruned to the
 * newest few, and restored from.
 */
public final class SecretBackups {

    public static final String BACKUP_OF_LABEL = "konnectivity.io/backup-of";
    public static final String FINGERPRINT_ANNOTATION = "konnectivity.io/certificate-fingerprint";
    public static final String CREATED_AT_ANNOTATION = "konnectivity.io/backed-up-at";
    public static final String CREATED_BY_ANNOTATION = "konnectivity.io/backed-up-by";

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final AgentNames names;
    private final Clock clock;

    public SecretBackups(KubernetesClient client, AgentNames names, Clock clock) {
        this.client = client;
        this.names = names;
        this.clock = clock;
    }

    /** A backup as listed: name, when it was made, and the fingerprint of the certificate it holds. */
    public record Backup(String name, Instant createdAt, String fingerprint, String createdBy)
            implements Serializable {}

    /** Copies the Secret into a new one, reads the copy back and compares it before returning its name. */
    public String create(AgentSecret agent, String holder) throws RotationException {
        Instant now = clock.instant();
        String name = uniqueName(now);
        Secret source = agent.secret();
        Secret copy = new SecretBuilder()
                .withNewMetadata()
                .withNamespace(names.namespace())
                .withName(name)
                .addToLabels(BACKUP_OF_LABEL, names.secret())
                .addToLabels("app.kubernetes.io/managed-by", "konnectivity")
                .addToAnnotations(FINGERPRINT_ANNOTATION, agent.fingerprint())
                .addToAnnotations(CREATED_AT_ANNOTATION, now.toString())
                .addToAnnotations(CREATED_BY_ANNOTATION, holder)
                .endMetadata()
                .withType(source.getType())
                .withData(Map.copyOf(source.getData()))
                .build();
        client.secrets().inNamespace(names.namespace()).resource(copy).create();
        Secret readBack =
                client.secrets().inNamespace(names.namespace()).withName(name).get();
        if (readBack == null || !Objects.equals(readBack.getData(), source.getData())) {
            throw new RotationException("The backup Secret " + names.namespace() + "/" + name
                    + " does not read back equal to " + agent.path() + "; stopping before any change.");
        }
        return name;
    }

    /** Every backup of the agent Secret, newest first. */
    public List<Backup> list() {
        return client
                .secrets()
                .inNamespace(names.namespace())
                .withLabel(BACKUP_OF_LABEL, names.secret())
                .list()
                .getItems()
                .stream()
                .map(SecretBackups::describe)
                .sorted(Comparator.comparing(Backup::createdAt)
                        .thenComparing(Backup::name)
                        .reversed())
                .toList();
    }

    /** Deletes all but the newest {@code keep} backups, never {@code protectedName}; returns the deleted names. */
    public List<String> prune(int keep, String protectedName) {
        List<Backup> backups = list();
        List<String> deleted = backups.stream()
                .skip(keep)
                .map(Backup::name)
                .filter(name -> !name.equals(protectedName))
                .toList();
        deleted.forEach(name ->
                client.secrets().inNamespace(names.namespace()).withName(name).delete());
        return deleted;
    }

    /** The backup named {@code name}, checked to be a backup of this agent Secret. */
    public Secret get(String name) throws RotationException {
        Secret backup =
                client.secrets().inNamespace(names.namespace()).withName(name).get();
        if (backup == null) {
            throw new RotationException(
                    "There is no backup " + names.namespace() + "/" + name + "; list them with konnectivity backups.");
        }
        String of = backup.getMetadata().getLabels() == null
                ? null
                : backup.getMetadata().getLabels().get(BACKUP_OF_LABEL);
        if (!names.secret().equals(of)) {
            throw new RotationException("The Secret " + names.namespace() + "/" + name + " is not a backup of "
                    + names.secretPath() + " (its " + BACKUP_OF_LABEL + " label is " + of + ").");
        }
        return backup;
    }

    private String uniqueName(Instant now) {
        String base = names.secret() + "-backup-" + NAME_TIME.format(now);
        String name = base;
        for (int i = 2;
                client.secrets().inNamespace(names.namespace()).withName(name).get() != null;
                i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private static Backup describe(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null
                ? Map.of()
                : secret.getMetadata().getAnnotations();
        Instant created;
        try {
            created = Instant.parse(annotations.getOrDefault(CREATED_AT_ANNOTATION, "1970-01-01T00:00:00Z"));
        } catch (RuntimeException e) {
            created = Instant.EPOCH;
        }
        return new Backup(
                secret.getMetadata().getName(),
                created,
                annotations.get(FINGERPRINT_ANNOTATION),
                annotations.get(CREATED_BY_ANNOTATION));
    }
}
