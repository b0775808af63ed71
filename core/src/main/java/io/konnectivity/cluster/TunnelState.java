package io.konnectivity.cluster;

import java.io.Serializable;

/** What a tunnel probe learned: a pod log travels API server to node, so through the tunnel. */
public sealed interface TunnelState extends Serializable {

    /** The log of {@code pod} came back: the tunnel carries traffic. */
    record Up(String pod, String lastLogLine) implements TunnelState {}

    /** The API server could not reach the node: the error text is one the tunnel gives when it is down. */
    record Down(String pod, String error) implements TunnelState {}

    /** The probe failed for another reason, so it says nothing about the tunnel. */
    record Unknown(String pod, String error) implements TunnelState {}

    /** The probe did not run, for example because no agent pod runs or it was not asked for. */
    record NotProbed(String reason) implements TunnelState {}
}
