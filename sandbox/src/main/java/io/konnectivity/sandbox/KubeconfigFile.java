package io.konnectivity.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A kubeconfig with embedded certificate data, written readable by its owner only since it holds a private key. Names
 * are DNS labels and data is base64, so the YAML needs no quoting.
 */
final class KubeconfigFile {

    private final List<String> clusters = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> contexts = new ArrayList<>();
    private String currentContext;

    KubeconfigFile cluster(String name, String serverUrl, String caPem) {
        clusters.add("- name: " + name + "\n"
                + "  cluster:\n"
                + "    server: " + serverUrl + "\n"
                + "    certificate-authority-data: " + base64(caPem) + "\n");
        return this;
    }

    KubeconfigFile user(String name, SandboxPki.IssuedCertificate credential) {
        users.add("- name: " + name + "\n"
                + "  user:\n"
                + "    client-certificate-data: " + base64(credential.certificatePem()) + "\n"
                + "    client-key-data: " + base64(credential.privateKeyPem()) + "\n");
        return this;
    }

    KubeconfigFile context(String name, String cluster, String user) {
        contexts.add("- name: " + name + "\n"
                + "  context:\n"
                + "    cluster: " + cluster + "\n"
                + "    user: " + user + "\n");
        if (currentContext == null) {
            currentContext = name;
        }
        return this;
    }

    void writeTo(Path file) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\npreferences: {}\n");
        yaml.append("clusters:\n");
        clusters.forEach(yaml::append);
        yaml.append("users:\n");
        users.forEach(yaml::append);
        yaml.append("contexts:\n");
        contexts.forEach(yaml::append);
        yaml.append("current-context: ").append(currentContext).append('\n');
        try {
            if (isPosix()) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox kubeconfig " + file, e);
        }
    }

    /** A new directory readable by its owner only, for files that hold private keys. */
    static Path privateDirectory(String prefix) {
        try {
            if (isPosix()) {
                return Files.createTempDirectory(
                        prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the sandbox kubeconfig", e);
        }
    }

    static void deleteDirectory(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the sandbox directory " + directory, e);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
