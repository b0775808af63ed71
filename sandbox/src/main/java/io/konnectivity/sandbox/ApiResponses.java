package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** The answers of the simulated API server that the CRUD store does not give, worded like the real API server's. */
final class ApiResponses {

    private ApiResponses() {}

    static MockResponse forbidden(ApiRequest request, String user) {
        String object = request.name() == null
                ? request.qualifiedResource()
                : request.qualifiedResource() + " \"" + request.name() + "\"";
        String scope = request.namespace() == null
                ? " at the cluster scope"
                : " in the namespace \"" + request.namespace() + "\"";
        String message = object + " is forbidden: User \"" + user + "\" cannot " + request.verb() + " resource \""
                + request.rbacResource() + "\" in API group \"" + request.group() + "\"" + scope;
        return status(403, "Forbidden", message, details(request));
    }

    static MockResponse notFound(ApiRequest request) {
        String message = request.qualifiedResource() + " \"" + request.name() + "\" not found";
        return status(404, "NotFound", message, details(request));
    }

    static MockResponse unknownPath() {
        return status(404, "NotFound", "the server could not find the requested resource", null);
    }

    static MockResponse internalError(String message) {
        return status(500, "InternalError", message, null);
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }

    static MockResponse text(String body) {
        return new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "text/plain")
                .setBody(body);
    }

    private static MockResponse status(int code, String reason, String message, StatusDetails details) {
        Status status = new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .withDetails(details)
                .withNewMetadata()
                .endMetadata()
                .build();
        return json(code, status);
    }

    private static StatusDetails details(ApiRequest request) {
        return new StatusDetailsBuilder()
                .withName(request.name())
                .withGroup(request.group().isEmpty() ? null : request.group())
                .withKind(request.resource())
                .build();
    }
}
