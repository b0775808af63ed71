package io.konnectivity.azure;

import com.azure.core.management.AzureEnvironment;
import com.azure.identity.AzureAuthorityHosts;

/** The Azure clouds konnectivity can work in, each with its Resource Manager and its sign-in authority. */
public enum AzureCloud {
    PUBLIC(AzureEnvironment.AZURE, AzureAuthorityHosts.AZURE_PUBLIC_CLOUD),
    CHINA(AzureEnvironment.AZURE_CHINA, AzureAuthorityHosts.AZURE_CHINA),
    US_GOVERNMENT(AzureEnvironment.AZURE_US_GOVERNMENT, AzureAuthorityHosts.AZURE_GOVERNMENT);

    private final AzureEnvironment environment;
    private final String authorityHost;

    AzureCloud(AzureEnvironment environment, String authorityHost) {
        this.environment = environment;
        this.authorityHost = authorityHost;
    }

    public AzureEnvironment environment() {
        return environment;
    }

    /** Where Microsoft Entra ID issues tokens for this cloud, such as {@code https://login.microsoftonline.com/}. */
    public String authorityHost() {
        return authorityHost;
    }

    /** The Resource Manager endpoint, such as {@code https://management.azure.com/}. */
    public String resourceManagerEndpoint() {
        return environment.getResourceManagerEndpoint();
    }
}
