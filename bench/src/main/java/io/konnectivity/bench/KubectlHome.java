package io.konnectivity.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A home directory for kubectl whose discovery cache already knows the sandbox's {@code secrets}, as an operator's
 * {@code ~/.kube/cache} knows their cluster's after the first command. The sandbox answers no discovery request
 * ({@code /api} lists objects), so without the cache kubectl fails with "the server doesn't have a resource type".
 */
final class KubectlHome {

    private static final String GROUPS = """
            {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"","versions":[{"groupVersion":"v1",\
            "version":"v1"}],"preferredVersion":{"groupVersion":"v1","version":"v1"}}]}
            """;
    private static final String CORE_RESOURCES = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[{"name":"secrets",\
            "singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}
            """;

    private KubectlHome() {}

    /** Writes the discovery cache for {@code serverUrl} under {@code home} and returns {@code home}. */
    static Path seed(Path home, String serverUrl) throws IOException {
        Path discovery = home.resolve(".kube/cache/discovery").resolve(cacheDirectoryName(serverUrl));
        Files.createDirectories(discovery.resolve("v1"));
        Files.writeString(discovery.resolve("servergroups.json"), GROUPS, StandardCharsets.UTF_8);
        Files.writeString(discovery.resolve("v1/serverresources.json"), CORE_RESOURCES, StandardCharsets.UTF_8);
        return home;
    }

    /** kubectl keys its discovery cache by host and port, {@code https://127.0.0.1:6443} as {@code 127.0.0.1_6443}. */
    static String cacheDirectoryName(String serverUrl) {
        URI uri = URI.create(serverUrl);
        return uri.getHost() + (uri.getPort() > 0 ? "_" + uri.getPort() : "");
    }
}
