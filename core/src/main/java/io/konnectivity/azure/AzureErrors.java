package io.konnectivity.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Turns a failed Resource Manager call into an {@link AzureAccessException} with one line a person can act on. */
final class AzureErrors {

    private AzureErrors() {}

    /**
     * @param object what the call was about, such as {@code rg1/aks-prod} or {@code subscription 0000...}
     * @param endpoint the Resource Manager URL, to name it in network errors
     */
    static AzureAccessException explain(RuntimeException error, ArmAction action, String object, String endpoint) {
        String doing = action.doing() + " " + object;
        if (error instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            return new AzureAccessException(describeStatus(status, code(http), action, doing, object), status, error);
        }
        Throwable signIn = find(error, ClientAuthenticationException.class);
        if (signIn != null) {
            return new AzureAccessException(
                    "Signing in to Azure failed while " + doing + ": " + firstLine(signIn)
                            + ". Check the tenant, the client id, the secret or certificate, and the cloud.",
                    0,
                    error);
        }
        if (find(error, SSLException.class) != null) {
            return new AzureAccessException(
                    "TLS with the Resource Manager at " + endpoint + " failed while " + doing + ": "
                            + firstLine(find(error, SSLException.class))
                            + ". A proxy may intercept TLS; give its CA to the JVM's trust store.",
                    0,
                    error);
        }
        if (find(error, UnknownHostException.class, ConnectException.class) != null) {
            return new AzureAccessException(
                    "Cannot reach the Resource Manager at " + endpoint + " while " + doing
                            + ". Check the network and proxy settings of this machine.",
                    0,
                    error);
        }
        if (find(error, IOException.class, UncheckedIOException.class) != null) {
            return new AzureAccessException(
                    "The connection to the Resource Manager failed while " + doing + ": "
                            + firstLine(find(error, IOException.class, UncheckedIOException.class)) + ".",
                    0,
                    error);
        }
        return new AzureAccessException("Failed " + doing + ": " + firstLine(error) + ".", 0, error);
    }

    private static String describeStatus(int status, String code, ArmAction action, String doing, String object) {
        String said = code == null ? "" : ", " + code;
        return switch (status) {
            case 401 ->
                "Azure rejected the credential while " + doing + " (HTTP 401" + said + "): the token is invalid,"
                        + " expired or for another tenant or cloud. Check the tenant, client id, secret or certificate,"
                        + " and --cloud.";
            case 403 ->
                "Forbidden while " + doing + " (HTTP 403" + said + "): the identity lacks "
                        + action.permission() + ". Assign it the built-in role '" + action.role()
                        + "' (or a custom role with that action) on the cluster, its resource group or subscription.";
            case 404 ->
                object + " was not found while " + doing + " (HTTP 404" + said + "): it was deleted or moved,"
                        + " or the subscription, resource group or name is wrong.";
            case 429 ->
                "Azure Resource Manager kept throttling while " + doing + " (HTTP 429" + said + ") beyond the"
                        + " retries allowed. Retry later, or check fewer clusters at once.";
            default ->
                status >= 500
                        ? "Azure Resource Manager failed while " + doing + " (HTTP " + status + said
                                + "), also on retry." + " It is usually transient: retry later."
                        : "Azure Resource Manager refused " + doing + " (HTTP " + status + said + ").";
        };
    }

    private static String code(HttpResponseException error) {
        if (error instanceof ManagementException management && management.getValue() != null) {
            String code = management.getValue().getCode();
            String message = management.getValue().getMessage();
            if (code != null && message != null && !"AuthorizationFailed".equals(code)) {
                return code + ": " + firstLine(message);
            }
            return code;
        }
        return null;
    }

    @SafeVarargs
    private static Throwable find(Throwable error, Class<? extends Throwable>... types) {
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

    private static String firstLine(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : firstLine(error.getMessage());
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
