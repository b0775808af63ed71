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

    /** A 403 from an admission check, with its own reason: {@code <object> is forbidden: <why>}. */
    static MockResponse forbidden(ApiRequest request, String name, String why) {
        String message = request.qualifiedResource() + " \"" + name + "\" is forbidden: " + why;
        return status(403, "Forbidden", message, details(request, name));
    }

    /** A write guarded by a {@code resourceVersion} that is no longer the stored one. */
    static MockResponse conflict(ApiRequest request) {
        String message = "Operation cannot be fulfilled on " + request.qualifiedResource() + " \"" + request.name()
                + "\": the object has been modified; please apply your changes to the latest version and try again";
        return status(409, "Conflict", message, details(request));
    }

    /** A create of a name that is taken. */
    static MockResponse alreadyExists(ApiRequest request, String name) {
        String message = request.qualifiedResource() + " \"" + name + "\" already exists";
        return status(409, "AlreadyExists", message, details(request, name));
    }

    /** A 422 for one invalid field, worded like the API server's validation errors. */
    static MockResponse invalid(
            ApiRequest request, String kind, String name, String field, String causeReason, String problem) {
        String qualifiedKind = request.group().isEmpty() ? kind : kind + "." + request.group();
        String message = qualifiedKind + " \"" + name + "\" is invalid: " + field + ": " + problem;
        StatusDetails details = new StatusDetailsBuilder()
                .withName(name)
                .withGroup(request.group().isEmpty() ? null : request.group())
                .withKind(kind)
                .addNewCause()
                .withReason(causeReason)
                .withMessage(problem)
                .withField(field)
                .endCause()
                .build();
        return status(422, "Invalid", message, details);
    }

    /** A failure with the reason the API server gives for {@code code}, as an injected fault answers. */
    static MockResponse failure(int code, String message) {
        return status(code, reasonFor(code), message, null);
    }

    static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
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
        return details(request, request.name());
    }

    private static StatusDetails details(ApiRequest request, String name) {
        return new StatusDetailsBuilder()
                .withName(name)
                .withGroup(request.group().isEmpty() ? null : request.group())
                .withKind(request.resource())
                .build();
    }
}
