package io.konnectivity.azure;

import com.azure.core.management.AzureEnvironment;
import java.io.Serializable;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which Azure Resource Manager to talk to: a cloud's own, or another URL (an Azure Stack Hub, or the emulator in tests
 * and demos) trusting only the CA given as PEM.
 *
 * @param resourceManagerUrl an HTTPS URL instead of the cloud's Resource Manager; null for the cloud's
 * @param trustedCaPem the only CA trusted for {@code resourceManagerUrl}; null for the JVM's trust store
 */
public record ArmEndpoint(AzureCloud cloud, String resourceManagerUrl, String trustedCaPem) implements Serializable {

    public ArmEndpoint {
        Objects.requireNonNull(cloud, "cloud");
        if (resourceManagerUrl != null
                && !URI.create(resourceManagerUrl).getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("The Resource Manager URL must use HTTPS, since bearer tokens are sent"
                    + " to it, but was " + resourceManagerUrl + ".");
        }
    }

    public static ArmEndpoint of(AzureCloud cloud) {
        return new ArmEndpoint(cloud, null, null);
    }

    public static ArmEndpoint custom(AzureCloud cloud, String resourceManagerUrl, String trustedCaPem) {
        return new ArmEndpoint(cloud, Objects.requireNonNull(resourceManagerUrl, "resourceManagerUrl"), trustedCaPem);
    }

    /** The Resource Manager URL requests go to, ending in a slash. */
    public String url() {
        String url = resourceManagerUrl != null ? resourceManagerUrl : cloud.resourceManagerEndpoint();
        return url.endsWith("/") ? url : url + "/";
    }

    /** The scope tokens are requested for: the Resource Manager audience of the cloud. */
    public String scope() {
        return cloud.resourceManagerEndpoint() + ".default";
    }

    /** The SDK environment: the cloud's, with the Resource Manager URL replaced when one is given. */
    public AzureEnvironment environment() {
        if (resourceManagerUrl == null) {
            return cloud.environment();
        }
        Map<String, String> endpoints = new HashMap<>(cloud.environment().getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", url());
        return new AzureEnvironment(endpoints);
    }

    @Override
    public String toString() {
        return url() + (trustedCaPem == null ? "" : " (trusting a given CA only)");
    }
}
