package io.konnectivity.check;

import java.io.Serializable;

/** Where the Konnectivity agent and its certificates live in a cluster. */
public record AgentNames(String namespace, String secret, String workload) implements Serializable {

    public static final AgentNames DEFAULT = new AgentNames("kube-system", "konnectivity-certs", "konnectivity-agent");

    public AgentNames {
        requireName("namespace", namespace);
        requireName("secret", secret);
        requireName("workload", workload);
    }

    private static void requireName(String what, String value) {
        if (value == null || !value.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw new IllegalArgumentException("The agent " + what + " name '" + value
                    + "' is not a valid Kubernetes name (lower-case letters, digits, '-' and '.').");
        }
    }

    public String secretPath() {
        return namespace + "/" + secret;
    }
}
