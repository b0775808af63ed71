package io.konnectivity.cli.azure;

import io.konnectivity.azure.AksCheckRequest;
import io.konnectivity.azure.AksClusterCheck;
import io.konnectivity.azure.AksClusterId;
import io.konnectivity.azure.AksFullRotation;
import io.konnectivity.azure.ArmClients;
import io.konnectivity.azure.CredentialScope;
import io.konnectivity.azure.FullRotationRequest;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.rotate.RotationListener;
import io.konnectivity.rotate.RotationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * What {@code check --azure-cluster} and {@code rotate --mode full} run, for the commands of the parent package to
 * call with the {@link AzureOptions} they mix in.
 */
public final class AzureCommands {

    private final AzureOptions azure;
    private final Clock clock;
    private final PrintWriter err;

    public AzureCommands(AzureOptions azure, Clock clock, PrintWriter err) {
        this.azure = azure;
        this.clock = clock;
        this.err = err;
    }

    /**
     * Checks one AKS cluster named {@code RESOURCE_GROUP/NAME}: its kubeconfig comes from ARM, its facts join the
     * result. Never throws for a cluster problem; the result says what went wrong.
     */
    public ClusterResult check(String resourceGroupAndName, CheckRequest request, boolean adminCredential)
            throws IOException {
        AksClusterId id = AksClusterId.parse(azure.subscription(), resourceGroupAndName);
        try (ArmClients arm = azure.connect(clock)) {
            return new AksClusterCheck(arm, clock, new ConsoleAzureProgress(err))
                    .check(id, AksCheckRequest.of(request).withCredential(scope(adminCredential)));
        }
    }

    /**
     * AKS's full certificate rotation of {@code RESOURCE_GROUP/NAME}.
     *
     * @throws IllegalArgumentException when {@code acceptDowntime} is false; nothing is done then
     */
    public RotationReport rotateFull(
            String resourceGroupAndName,
            boolean acceptDowntime,
            Duration timeout,
            CheckRequest request,
            boolean adminCredential,
            RotationListener steps)
            throws IOException, InterruptedException {
        AksClusterId id = AksClusterId.parse(azure.subscription(), resourceGroupAndName);
        FullRotationRequest rotation = new FullRotationRequest(
                acceptDowntime, timeout, AksCheckRequest.of(request).withCredential(scope(adminCredential)));
        AksFullRotation.refuseWithoutDowntime(id, rotation);
        try (ArmClients arm = azure.connect(clock)) {
            return new AksFullRotation(arm, clock, new ConsoleAzureProgress(err), steps).rotate(id, rotation);
        }
    }

    private static CredentialScope scope(boolean admin) {
        return admin ? CredentialScope.ADMIN : CredentialScope.USER;
    }
}
