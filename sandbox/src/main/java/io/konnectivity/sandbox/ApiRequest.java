package io.konnectivity.sandbox;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request for a Kubernetes resource, read from its path the way the API server reads it:
 * {@code /api/v1/namespaces/kube-system/pods/agent-1/log} is the {@code log} subresource of pod {@code agent-1}.
 */
record ApiRequest(
        HttpMethod method,
        String group,
        String version,
        String namespace,
        String resource,
        String name,
        String subresource,
        Map<String, String> query) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** The request's resource, or empty for paths that name none, such as {@code /version} or {@code /apis}. */
    static Optional<ApiRequest> of(RecordedRequest request) {
        String target = request.getPath();
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        Map<String, String> query = queryStart < 0 ? Map.of() : parseQuery(target.substring(queryStart + 1));
        List<String> segments =
                Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();

        int resourceStart;
        String group;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            resourceStart = 2;
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            resourceStart = 3;
        } else {
            return Optional.empty();
        }
        String version = segments.get(resourceStart - 1);
        List<String> rest = segments.subList(resourceStart, segments.size());

        String namespace = null;
        if (rest.size() >= 3
                && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        return Optional.of(new ApiRequest(
                request.method(),
                group,
                version,
                namespace,
                rest.get(0),
                rest.size() > 1 ? rest.get(1) : null,
                rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : null,
                query));
    }

    /** The RBAC verb this request needs. */
    String verb() {
        return switch (method) {
            case GET -> name == null ? ("true".equals(query.get("watch")) ? "watch" : "list") : "get";
            case POST -> "create";
            case PUT -> "update";
            case PATCH -> "patch";
            case DELETE -> name == null ? "deletecollection" : "delete";
            default -> method.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The resource as RBAC names it: {@code pods/log} for a subresource. */
    String rbacResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /** The resource as API errors name it: {@code deployments.apps}, or {@code secrets} in the core group. */
    String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    boolean is(String resource, String subresource) {
        return this.resource.equals(resource) && Objects.equals(this.subresource, subresource);
    }

    /** The path of the object itself, without subresource or query. */
    String objectPath() {
        StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(resource);
        if (name != null) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new TreeMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(decode(key), decode(value));
        }
        return Collections.unmodifiableMap(parameters);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
