package io.konnectivity.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A failure the sandbox API server answers instead of (or after) serving matching requests: an HTTP error with the
 * Status body the real API server would send, or no answer at all for a long time. A fault matches requests by HTTP
 * method and a regular expression over the whole path (without the query), and fires on every matching request, only
 * on the Nth, or on every one from the Nth. Immutable: each method returns a changed copy, and the copy given to
 * {@link FaultPlan#inject(Fault)} is the one {@link FaultPlan#matched(Fault)} counts for.
 *
 * <pre>{@code
 * cluster.faults().inject(Fault.on("PUT", "/api/v1/namespaces/kube-system/secrets/konnectivity-certs")
 *         .onlyNth(1)
 *         .status(409));
 * cluster.faults().inject(Fault.on("GET", "/api/v1/namespaces/kube-system/pods/[^/]+/log").timeout());
 * }</pre>
 */
public final class Fault {

    /** How long a {@link #timeout()} keeps the client waiting: far longer than any client's request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final String method;
    private final Pattern path;
    private final int nth;
    private final boolean onlyNth;
    private final int status;
    private final Duration timeout;
    private final boolean afterServing;

    private Fault(
            String method, Pattern path, int nth, boolean onlyNth, int status, Duration timeout, boolean afterServing) {
        this.method = method;
        this.path = path;
        this.nth = nth;
        this.onlyNth = onlyNth;
        this.status = status;
        this.timeout = timeout;
        this.afterServing = afterServing;
    }

    /**
     * A fault for requests of {@code method} ({@code GET}, {@code PUT}, ...; null or {@code *} for any) whose path,
     * query excluded, matches {@code pathRegex} whole. It answers 500 InternalError to every match until changed.
     */
    public static Fault on(String method, String pathRegex) {
        Objects.requireNonNull(pathRegex, "pathRegex");
        String verb = method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
        return new Fault(verb, Pattern.compile(pathRegex), 1, false, 500, null, false);
    }

    /** A fault for every request, whatever its method and path: with {@link #onlyNth(int)}, the Nth request made. */
    public static Fault any() {
        return on(null, ".*");
    }

    /** A fault for requests with the method and exact path of one the server served, as {@link FaultPlan} logs it. */
    public static Fault matching(ServedRequest request) {
        return on(request.method(), Pattern.quote(request.path()));
    }

    /** Fires only on the {@code n}th matching request (counting from 1), and passes every other one through. */
    public Fault onlyNth(int n) {
        return new Fault(method, path, positive(n), true, status, timeout, afterServing);
    }

    /** Fires on the {@code n}th matching request (counting from 1) and every one after it. */
    public Fault fromNth(int n) {
        return new Fault(method, path, positive(n), false, status, timeout, afterServing);
    }

    /**
     * Answers {@code code} with the API server's reason and a Status body: 500 InternalError, 409 Conflict (worded as
     * a stale {@code resourceVersion}), 403 Forbidden (worded as an RBAC refusal), 429 TooManyRequests (with
     * {@code Retry-After: 1}), 503 ServiceUnavailable, 504 Timeout, or any other 4xx or 5xx.
     */
    public Fault status(int code) {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("A fault answers an error status, 400 to 599, not " + code);
        }
        return new Fault(method, path, nth, onlyNth, code, null, afterServing);
    }

    /**
     * Answers nothing for {@link #DEFAULT_TIMEOUT}, so the client's request timeout fires; the server's event loop is
     * not held meanwhile. Should a client wait that long, it gets 504 Timeout.
     */
    public Fault timeout() {
        return timeout(DEFAULT_TIMEOUT);
    }

    /** Answers nothing for {@code noAnswerFor}, then 504 Timeout. */
    public Fault timeout(Duration noAnswerFor) {
        if (noAnswerFor.isNegative() || noAnswerFor.isZero()) {
            throw new IllegalArgumentException("A timeout must last some time, not " + noAnswerFor);
        }
        return new Fault(method, path, nth, onlyNth, 504, noAnswerFor, afterServing);
    }

    /**
     * Serves the request first, so that it takes effect, and only then answers the fault: a write the client believes
     * failed, or whose answer never came, although the API server made it.
     */
    public Fault afterServing() {
        return new Fault(method, path, nth, onlyNth, status, timeout, true);
    }

    /** The method matched, or null for any. */
    public String method() {
        return method;
    }

    public String pathRegex() {
        return path.pattern();
    }

    /** The HTTP status answered: 504 for a timeout. */
    public int statusCode() {
        return status;
    }

    public boolean isTimeout() {
        return timeout != null;
    }

    /** How long a timeout keeps the client waiting, or null if this fault answers at once. */
    public Duration timeoutDelay() {
        return timeout;
    }

    public boolean servesFirst() {
        return afterServing;
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && path.matcher(requestPath).matches();
    }

    /** Whether the {@code count}th matching request gets this fault. */
    boolean firesOn(int count) {
        return onlyNth ? count == nth : count >= nth;
    }

    @Override
    public String toString() {
        String when = onlyNth ? " (match " + nth + " only)" : nth > 1 ? " (from match " + nth + ")" : "";
        String answer = timeout != null ? "no answer for " + timeout : String.valueOf(status);
        return "Fault[" + (method == null ? "*" : method) + " " + path.pattern() + when + " -> " + answer
                + (afterServing ? " after serving" : "") + "]";
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "Matching requests are counted from 1, so N must be 1 or more, not " + n);
        }
        return n;
    }
}
