package io.konnectivity.azure;

import io.konnectivity.check.CheckListener;
import java.time.Duration;

/**
 * Progress of Azure work, on top of the check's own: clusters found, and long-running operations as they are polled.
 * Every method may be called concurrently; none ever receives a secret or a kubeconfig.
 */
public interface AzureListener extends CheckListener {

    AzureListener SILENT = new AzureListener() {};

    /** A subscription was listed: {@code matching} of its clusters pass the filter. */
    default void subscriptionListed(String subscription, int matching) {}

    /**
     * A long-running operation was polled.
     *
     * @param operation such as {@code rotateClusterCertificates} or {@code runCommand on aks-nodepool1-...-vmss/0}
     * @param status ARM's status, such as {@code InProgress} or {@code Succeeded}
     */
    default void operationPolled(String cluster, String operation, String status, Duration elapsed) {}
}
