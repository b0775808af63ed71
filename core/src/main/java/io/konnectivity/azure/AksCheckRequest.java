package io.konnectivity.azure;

import io.konnectivity.check.CheckRequest;
import java.io.Serializable;
import java.util.Objects;

/**
 * How one AKS cluster is checked: the check of its Kubernetes side, the kubeconfig fetched for it, and whether its
 * nodes' certificate files are read too.
 *
 * @param nodes null to leave the nodes alone (the default: run-command is slow)
 */
public record AksCheckRequest(CheckRequest check, CredentialScope credential, NodeCheckRequest nodes)
        implements Serializable {

    public AksCheckRequest {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(credential, "credential");
    }

    public static AksCheckRequest of(CheckRequest check) {
        return new AksCheckRequest(check, CredentialScope.USER, null);
    }

    public AksCheckRequest withCredential(CredentialScope value) {
        return new AksCheckRequest(check, value, nodes);
    }

    public AksCheckRequest withNodes(NodeCheckRequest value) {
        return new AksCheckRequest(check, credential, value);
    }
}
