package io.konnectivity.sandbox;

/**
 * One request the sandbox API server answered, as {@link FaultPlan#requests()} logs it.
 *
 * @param method the HTTP method, such as {@code PUT}
 * @param path the path without the query, such as {@code /api/v1/namespaces/kube-system/secrets/konnectivity-certs}
 * @param query the query string without the {@code ?}, or empty
 * @param status the HTTP status answered (for a timeout, the one that would come at its end)
 * @param faulted whether an injected {@link Fault} made the answer
 */
public record ServedRequest(String method, String path, String query, int status, boolean faulted) {

    /** {@code METHOD /path}, the form to compare a log against. */
    public String call() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return call() + (query.isEmpty() ? "" : "?" + query) + " -> " + status + (faulted ? " (fault)" : "");
    }
}
