package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers like an AKS API server: objects come from fabric8's CRUD store, while forbidden resources and denied
 * permissions, access reviews, pod logs, {@code /version}, latency, evictions, agent rollouts, CSR signing, the API
 * server's wording of conflicts and injected faults are simulated here. Runs on the mock server's event loop, so it
 * never blocks: latency and timeouts are body delays the event loop schedules.
 */
final class SimulatedApiServer extends Dispatcher {

    /** Subresources the CRUD store keys correctly; any other would be read as a request for the whole collection. */
    private static final Set<String> STORED_SUBRESOURCES = Set.of("status", "scale");

    private final KubernetesCrudDispatcher store;
    private final SandboxScenario scenario;
    private final String user;
    private final AccessControl access;
    private final PodLogs podLogs;
    private final AgentRollout rollout;
    private final CsrSigning csrSigning;
    private final FaultPlan faults;
    private final Map<String, String> version;

    SimulatedApiServer(
            KubernetesCrudDispatcher store, SandboxScenario scenario, String user, SandboxPki pki, FaultPlan faults) {
        this.store = store;
        this.scenario = scenario;
        this.user = user;
        this.access = new AccessControl(scenario, user);
        this.podLogs = new PodLogs(store, scenario);
        ObjectStore objects = new ObjectStore(store);
        this.rollout = new AgentRollout(objects, scenario, pki.caCertificate());
        this.csrSigning = new CsrSigning(objects, pki, scenario, access);
        this.faults = faults;
        this.version = versionInfo(scenario.kubernetesVersion());
    }

    AgentRollout rollout() {
        return rollout;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String target = request.getPath();
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        String query = queryStart < 0 ? "" : target.substring(queryStart + 1);
        String method = request.method() == null
                ? request.getMethod()
                : request.method().name();

        Fault fault = faults.match(method, path);
        MockResponse response;
        if (fault == null || fault.servesFirst()) {
            response = answerSafely(request);
        } else {
            response = null;
        }
        if (fault != null) {
            response = faultAnswer(fault, request);
        }
        if (!scenario.latency().isZero()
                && response.getBody() != null
                && response.getBody().size() > 0) {
            response.setBodyDelay(scenario.latency());
        }
        if (fault != null && fault.isTimeout()) {
            response.setBodyDelay(fault.timeoutDelay());
        }
        faults.record(new ServedRequest(method, path, query, response.code(), fault != null));
        return response;
    }

    private MockResponse answerSafely(RecordedRequest request) {
        try {
            return answer(request);
        } catch (RuntimeException e) {
            // An exception escaping the dispatcher leaves the request unanswered until the client times out.
            return ApiResponses.internalError("the sandbox failed on " + request.getRequestLine() + ": " + e);
        }
    }

    /** The Status an injected fault answers, worded as the API server words that status for this request. */
    private MockResponse faultAnswer(Fault fault, RecordedRequest request) {
        Optional<ApiRequest> api = ApiRequest.of(request);
        int code = fault.statusCode();
        if (code == 409 && api.isPresent() && api.get().name() != null) {
            return ApiResponses.conflict(api.get());
        }
        if (code == 403 && api.isPresent()) {
            return ApiResponses.forbidden(api.get(), user);
        }
        return switch (code) {
            case 429 ->
                ApiResponses.failure(429, "Too many requests, please try again later.")
                        .setHeader("Retry-After", "1");
            case 500 -> ApiResponses.failure(500, "Internal error occurred: injected by the sandbox fault plan");
            case 503 -> ApiResponses.failure(503, "the server is currently unable to handle the request");
            case 504 ->
                ApiResponses.failure(
                        504,
                        "the server was unable to return a response in the time allotted, but may still be processing"
                                + " the request");
            case 409 ->
                ApiResponses.failure(
                        409,
                        "Operation cannot be fulfilled: the object has been modified; please apply your changes to the"
                                + " latest version and try again");
            default -> ApiResponses.failure(code, "injected by the sandbox fault plan");
        };
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
        Optional<MockResponse> refused = access.refuse(api);
        if (refused.isPresent()) {
            return refused.get();
        }
        // Read before the store consumes it.
        byte[] body =
                request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        if (api.is("selfsubjectaccessreviews", null) && api.method() == HttpMethod.POST) {
            return access.review(api, body);
        }
        if (api.is("pods", "log") && api.name() != null && api.method() == HttpMethod.GET) {
            return podLogs.answer(api);
        }
        if (api.is("pods", "eviction") && api.method() == HttpMethod.POST) {
            return rollout.evict(api);
        }
        if (api.is("certificatesigningrequests", "approval") && api.method() == HttpMethod.PUT) {
            return csrSigning.approval(api, body);
        }
        if (api.subresource() != null && !STORED_SUBRESOURCES.contains(api.subresource())) {
            return ApiResponses.unknownPath();
        }

        RecordedRequest storable = asMergePatch(request);
        if (api.is("certificatesigningrequests", null) && api.method() == HttpMethod.POST) {
            Optional<MockResponse> invalid = csrSigning.validateCreate(api, body);
            if (invalid.isPresent()) {
                return invalid.get();
            }
            MockResponse created = worded(api, body, store.dispatch(storable));
            if (created.code() == 201) {
                csrSigning.afterCreate(new String(created.getBody().getBytes(), StandardCharsets.UTF_8));
            }
            return created;
        }
        if (AgentRollout.isAgentWorkloadWrite(api)
                && (api.method() == HttpMethod.PUT || api.method() == HttpMethod.PATCH)) {
            return rollout.writeWorkload(api, () -> worded(api, body, store.dispatch(storable)));
        }
        MockResponse stored = worded(api, body, store.dispatch(storable));
        if (stored.code() == 404 && api.name() != null && isEmpty(stored)) {
            return ApiResponses.notFound(api);
        }
        return stored;
    }

    /**
     * The CRUD store detects a taken name and a stale {@code resourceVersion} but words both its own way; the API
     * server answers 409 AlreadyExists to a create and 409 Conflict to a write.
     */
    private static MockResponse worded(ApiRequest api, byte[] body, MockResponse stored) {
        if (stored.code() != 409) {
            return stored;
        }
        if (api.method() == HttpMethod.POST) {
            return ApiResponses.alreadyExists(api, nameIn(body));
        }
        return api.name() == null ? stored : ApiResponses.conflict(api);
    }

    private static String nameIn(byte[] body) {
        try {
            GenericKubernetesResource resource =
                    Serialization.unmarshal(new String(body, StandardCharsets.UTF_8), GenericKubernetesResource.class);
            return resource.getMetadata().getName();
        } catch (RuntimeException e) {
            return "";
        }
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
