package io.konnectivity.check;

import io.konnectivity.cert.CertificateFacts;
import java.io.Serializable;
import java.util.List;

/**
 * The verdict on one certificate.
 *
 * @param facts what the certificate says; null when it could not be parsed
 * @param daysLeft whole days left at the time of the check; null when unknown
 * @param problems what made it INVALID, or other defects worth naming; empty when none
 */
public record CertificateCheck(
        CertificateRole role,
        Location location,
        CertificateFacts facts,
        Long daysLeft,
        Status status,
        List<String> problems)
        implements Serializable {

    public CertificateCheck {
        problems = List.copyOf(problems);
    }

    /** A stable identifier, unique within one cluster's result. */
    public String id() {
        return role.name().toLowerCase(java.util.Locale.ROOT) + ":" + location.describe();
    }
}
