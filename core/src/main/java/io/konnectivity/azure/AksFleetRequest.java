package io.konnectivity.azure;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** Which AKS clusters a fleet run checks, and how each is checked. */
public record AksFleetRequest(List<String> subscriptions, AksClusterFilter filter, AksCheckRequest cluster)
        implements Serializable {

    public AksFleetRequest {
        subscriptions = List.copyOf(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("A fleet run needs at least one subscription.");
        }
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(cluster, "cluster");
    }
}
