package io.konnectivity.check;

import java.io.Serializable;

/**
 * An explanation with advice, naming the object it is about.
 *
 * @param code a stable identifier such as {@code TUNNEL_DOWN_CERT_EXPIRED}, for machines
 * @param object the object it is about, such as {@code kube-system/konnectivity-certs}
 * @param message what is the case, for people
 * @param advice what to do next; empty when nothing
 */
public record Finding(Level level, String code, String object, String message, String advice) implements Serializable {

    /** How much a finding matters. */
    public enum Level {
        INFO,
        WARNING,
        CRITICAL
    }
}
