package io.konnectivity.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Turns a failed cluster call into one line that says what failed and what to do. */
public final class ClusterErrors {

    private ClusterErrors() {}

    /**
     * @param server the API server URL
     * @param context the kubeconfig context, to name the credential
     * @param action what was being done, such as {@code reading Secret kube-system/konnectivity-certs}
     */
    public static String describe(Throwable error, String server, String context, String action) {
        if (error instanceof KubernetesClientException k8s && k8s.getCode() > 0) {
            return describeStatus(k8s, context, action);
        }
        Throwable tls = find(error, SSLException.class, CertificateException.class, CertPathValidatorException.class);
        if (tls != null) {
            String why = find(error, java.security.cert.CertPathBuilderException.class) != null
                    ? "the server's certificate is not signed by a CA the kubeconfig trusts"
                    : oneLine(tls);
            return "TLS with " + server + " failed while " + action + ": " + why
                    + ". The kubeconfig's certificate-authority does not match the API server's certificate,"
                    + " or the server is not the one the kubeconfig names.";
        }
        if (find(error, UnknownHostException.class) != null) {
            return "Cannot resolve the API server host of " + server + " while " + action
                    + ". Check the kubeconfig's server address and DNS from this machine.";
        }
        if (find(error, ConnectException.class, NoRouteToHostException.class) != null) {
            return "Cannot reach " + server + " while " + action + ": connection refused."
                    + " Is the API server up and reachable from here? A private cluster needs a machine in its"
                    + " network.";
        }
        if (find(error, SocketTimeoutException.class, InterruptedIOException.class) != null) {
            return "Timed out talking to " + server + " while " + action + ".";
        }
        return "Failed " + action + " on " + server + ": " + oneLine(root(error)) + ".";
    }

    private static String describeStatus(KubernetesClientException error, String context, String action) {
        String said = error.getStatus() != null && error.getStatus().getMessage() != null
                ? error.getStatus().getMessage()
                : oneLine(error);
        return switch (error.getCode()) {
            case 401 ->
                "Unauthorized while " + action + ": the API server rejected the credential of context '" + context
                        + "' (expired client certificate or token?).";
            case 403 ->
                "Forbidden while " + action + ": " + said + ". Grant the credential of context '" + context
                        + "' the permissions in docs/rbac.yaml.";
            case 404 -> "Not found while " + action + ": " + said + ".";
            default -> "The API server answered HTTP " + error.getCode() + " while " + action + ": " + said + ".";
        };
    }

    @SafeVarargs
    static Throwable find(Throwable error, Class<? extends Throwable>... types) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return cause;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String oneLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
