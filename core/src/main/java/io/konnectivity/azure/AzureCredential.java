package io.konnectivity.azure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How konnectivity signs in to Azure: a service principal with a secret or a certificate, a managed identity, or the
 * SDK's default chain (environment, workload identity, managed identity, Azure CLI; meant for the command line). Its
 * {@link #toString()} never shows the secret or the certificate password.
 *
 * @param tenantId the Microsoft Entra tenant; required for service principals
 * @param clientId the application (client) id; for a managed identity, the user-assigned identity's client id or null
 *     for the system-assigned one
 * @param secret the client secret; only for {@link Kind#CLIENT_SECRET}
 * @param certificatePath a PEM file (certificate and private key) or a PFX/PKCS#12 file ({@code .pfx}, {@code .p12});
 *     only for {@link Kind#CLIENT_CERTIFICATE}
 * @param certificatePassword the PFX password; null for PEM or an unprotected PFX
 */
public record AzureCredential(
        Kind kind,
        AzureCloud cloud,
        String tenantId,
        String clientId,
        String secret,
        String certificatePath,
        String certificatePassword)
        implements Serializable {

    /** The kinds of sign-in. */
    public enum Kind {
        CLIENT_SECRET,
        CLIENT_CERTIFICATE,
        MANAGED_IDENTITY,
        DEFAULT_CHAIN
    }

    public AzureCredential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cloud, "cloud");
        List<String> missing = new ArrayList<>();
        if ((kind == Kind.CLIENT_SECRET || kind == Kind.CLIENT_CERTIFICATE) && isBlank(tenantId)) {
            missing.add("a tenant id");
        }
        if ((kind == Kind.CLIENT_SECRET || kind == Kind.CLIENT_CERTIFICATE) && isBlank(clientId)) {
            missing.add("a client id");
        }
        if (kind == Kind.CLIENT_SECRET && isBlank(secret)) {
            missing.add("a client secret");
        }
        if (kind == Kind.CLIENT_CERTIFICATE && isBlank(certificatePath)) {
            missing.add("a certificate file");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "A " + describe(kind) + " credential needs " + String.join(", ", missing) + "; none was given.");
        }
    }

    public static AzureCredential clientSecret(AzureCloud cloud, String tenantId, String clientId, String secret) {
        return new AzureCredential(Kind.CLIENT_SECRET, cloud, tenantId, clientId, secret, null, null);
    }

    public static AzureCredential clientCertificate(
            AzureCloud cloud, String tenantId, String clientId, String certificatePath, String certificatePassword) {
        return new AzureCredential(
                Kind.CLIENT_CERTIFICATE, cloud, tenantId, clientId, null, certificatePath, certificatePassword);
    }

    /** @param clientId a user-assigned identity's client id; null for the system-assigned identity */
    public static AzureCredential managedIdentity(AzureCloud cloud, String clientId) {
        return new AzureCredential(Kind.MANAGED_IDENTITY, cloud, null, clientId, null, null, null);
    }

    /** @param tenantId the tenant to sign in to; null for the default one of each source */
    public static AzureCredential defaultChain(AzureCloud cloud, String tenantId) {
        return new AzureCredential(Kind.DEFAULT_CHAIN, cloud, tenantId, null, null, null, null);
    }

    /** Whether the certificate file is PFX/PKCS#12 rather than PEM, judged by its extension. */
    public boolean isPfx() {
        String path = certificatePath == null ? "" : certificatePath.toLowerCase(java.util.Locale.ROOT);
        return path.endsWith(".pfx") || path.endsWith(".p12");
    }

    @Override
    public String toString() {
        StringBuilder text =
                new StringBuilder("AzureCredential[").append(kind).append(", ").append(cloud);
        if (tenantId != null) {
            text.append(", tenant ").append(tenantId);
        }
        if (clientId != null) {
            text.append(", client ").append(clientId);
        }
        if (secret != null) {
            text.append(", secret ****");
        }
        if (certificatePath != null) {
            text.append(", certificate ").append(certificatePath);
        }
        if (certificatePassword != null) {
            text.append(", certificate password ****");
        }
        return text.append(']').toString();
    }

    private static String describe(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
