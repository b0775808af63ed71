package io.konnectivity.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.konnectivity.cert.OwnerOnlyFiles;
import io.konnectivity.check.AgentNames;
import io.konnectivity.cluster.ClusterConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one place a private key leaves the cluster: an explicit local backup file only its owner can read. */
final class LocalBackup {

    private LocalBackup() {}

    static void write(ClusterConnection connection, AgentNames names, Path file) throws Exception {
        Secret secret = connection
                .client()
                .secrets()
                .inNamespace(names.namespace())
                .withName(names.secret())
                .get();
        if (secret == null) {
            throw new IllegalArgumentException("The Secret " + names.secretPath() + " does not exist.");
        }
        Secret clean = new SecretBuilder(secret)
                .editMetadata()
                .withResourceVersion(null)
                .withUid(null)
                .withManagedFields()
                .withCreationTimestamp(null)
                .endMetadata()
                .build();
        createOwnerOnly(file, Serialization.asYaml(clean));
    }

    private static void createOwnerOnly(Path file, String content) throws IOException {
        try {
            OwnerOnlyFiles.create(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("The backup file " + file + " already exists; choose a new name.");
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
