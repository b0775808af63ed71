package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
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
 * {@code /version}, latency, evictions, agent rollouts and CSR signing are simulated here. Runs on the mock server's
 * event loop, so it never blocks.
 */
final class SimulatedApiServer extends Dispatcher {

    /** Subresources the CRUD store keys correctly; any other would be read as a request for the whole collection. */
    private static final Set<String> STORED_SUBRESOURCES = Set.of("status", "scale");

    private final KubernetesCrudDispatcher store;
    private final SandboxScenario scenario;
    private final String user;
    private final PodLogs podLogs;
    private final AgentRollout rollout;
    private final CsrSigning csrSigning;
    private final Map<String, String> version;

    SimulatedApiServer(KubernetesCrudDispatcher store, SandboxScenario scenario, String user, SandboxPki pki) {
        this.store = store;
        this.scenario = scenario;
        this.user = user;
        this.podLogs = new PodLogs(store, scenario);
        ObjectStore objects = new ObjectStore(store);
        this.rollout = new AgentRollout(objects, scenario, pki.caCertificate());
        this.csrSigning = new CsrSigning(objects, pki, scenario);
        this.version = versionInfo(scenario.kubernetesVersion());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response;
        try {
            response = answer(request);
        } catch (RuntimeException e) {
            // An exception escaping the dispatcher leaves the request unanswered until the client times out.
            response = ApiResponses.internalError("the sandbox failed on " + request.getRequestLine() + ": " + e);
        }
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
        if (api.is("pods", "log") && api.name() != null && api.method() == HttpMethod.GET) {
            return podLogs.answer(api);
        }
        if (api.is("pods", "eviction") && api.method() == HttpMethod.POST) {
            return rollout.evict(api);
        }
        if (api.is("certificatesigningrequests", "approval") && api.method() == HttpMethod.PUT) {
            return csrSigning.approval(api, request);
        }
        if (api.subresource() != null && !STORED_SUBRESOURCES.contains(api.subresource())) {
            return ApiResponses.unknownPath();
        }

        RecordedRequest storable = asMergePatch(request);
        if (AgentRollout.isAgentWorkloadWrite(api)
                && (api.method() == HttpMethod.PUT || api.method() == HttpMethod.PATCH)) {
            PodTemplateSpec before = rollout.currentTemplate(api);
            MockResponse written = store.dispatch(storable);
            if (written.code() / 100 == 2) {
                rollout.afterWorkloadWrite(api, before);
            }
            return written;
        }
        MockResponse stored = store.dispatch(storable);
        if (stored.code() == 404 && api.name() != null && isEmpty(stored)) {
            return ApiResponses.notFound(api);
        }
        return stored;
    }

    /**
     * The CRUD store refuses strategic merge patches with 415. For the maps these objects are patched in, a JSON merge
     * patch means the same; lists are replaced rather than merged by key.
     */
    private static RecordedRequest asMergePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (request.method() != HttpMethod.PATCH
                || contentType == null
                || !contentType.startsWith("application/strategic-merge-patch+json")) {
            return request;
        }
        return new RecordedRequest(
                request.getHttpVersion(),
                request.method(),
                request.getPath(),
                request.getHeaders()
                        .newBuilder()
                        .set("Content-Type", "application/merge-patch+json")
                        .build(),
                request.getBody());
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
