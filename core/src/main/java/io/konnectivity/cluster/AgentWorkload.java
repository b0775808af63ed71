package io.konnectivity.cluster;

import java.io.Serializable;

/**
 * The agent's Deployment or DaemonSet as found in the cluster.
 *
 * @param kind {@code Deployment} or {@code DaemonSet}
 * @param certificateSecret the Secret mounted for its certificates; null when none is mounted
 * @param secretMode the Secret's {@code addonmanager.kubernetes.io/mode} label; null when absent
 */
public record AgentWorkload(
        String kind,
        String namespace,
        String name,
        int desired,
        int ready,
        AgentAuthentication authentication,
        String certificateSecret,
        String secretMode)
        implements Serializable {

    public String path() {
        return kind + " " + namespace + "/" + name;
    }
}
