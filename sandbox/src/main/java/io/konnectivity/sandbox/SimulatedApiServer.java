package io.konnectivity.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers like an AKS API server: objects come from fabric8's CRUD store, while forbidden resources, pod logs,
 * {@code /version} and latency are simulated here. Runs on the mock server's event loop, so it never blocks.
 */
final class SimulatedApiServer extends Dispatcher {

    /** Subresources the CRUD store keys correctly; any other would be read as a request for the whole collection. */
    private static final Set<String> STORED_SUBRESOURCES = Set.of("status", "scale");

    private final KubernetesCrudDispatcher store;
    private final SandboxScenario scenario;
    private final String user;
    private final PodLogs podLogs;
    private final Map<String, String> version;

    SimulatedApiServer(KubernetesCrudDispatcher store, SandboxScenario scenario, String user) {
        this.store = store;
        this.scenario = scenario;
        this.user = user;
        this.podLogs = new PodLogs(store, scenario);
        this.version = versionInfo(scenario.kubernetesVersion());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = answer(request);
        if (!scenario.latency().isZero()
                && response.getBody() != null
                && response.getBody().size() > 0) {
            response.setBodyDelay(scenario.latency());
        }
        return response;
    }

    private MockResponse answer(RecordedRequest request) {
        if (request.getPath().equals("/version")) {
            return ApiResponses.json(200, version);
        }
        Optional<ApiRequest> resourceRequest = ApiRequest.of(request);
        if (resourceRequest.isEmpty()) {
            return store.dispatch(request);
        }

        ApiRequest api = resourceRequest.get();
        if (scenario.forbidden().contains(api.rbacResource())) {
            return ApiResponses.forbidden(api, user);
        }
        if (api.is("pods", "log") && api.name() != null) {
            return podLogs.answer(api);
        }
        if (api.subresource() != null && !STORED_SUBRESOURCES.contains(api.subresource())) {
            return ApiResponses.unknownPath();
        }
        MockResponse stored = store.dispatch(request);
        if (stored.code() == 404 && api.name() != null && isEmpty(stored)) {
            return ApiResponses.notFound(api);
        }
        return stored;
    }

    private static boolean isEmpty(MockResponse response) {
        return response.getBody() == null || response.getBody().size() == 0;
    }

    /** The body of {@code /version}, as the real API server words it. */
    private static Map<String, String> versionInfo(String kubernetesVersion) {
        String[] parts = kubernetesVersion.split("\\.");
        Map<String, String> info = new LinkedHashMap<>();
        info.put("major", parts[0]);
        info.put("minor", parts[1]);
        info.put("gitVersion", "v" + kubernetesVersion);
        info.put("gitCommit", "0000000000000000000000000000000000000000");
        info.put("gitTreeState", "clean");
        info.put("buildDate", "2024-04-18T00:00:00Z");
        info.put("goVersion", "go1.21.9");
        info.put("compiler", "gc");
        info.put("platform", "linux/amd64");
        return Collections.unmodifiableMap(info);
    }
}
