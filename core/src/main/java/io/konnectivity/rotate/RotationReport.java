package io.konnectivity.rotate;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one rotation did, for people and machines; rendered by the same report formats as a check.
 *
 * @param backup the name of the backup Secret; null when none was made
 * @param csr the name of the CertificateSigningRequest; null when none was made
 */
public record RotationReport(
        String cluster,
        String server,
        RotationMode mode,
        Instant startedAt,
        Duration took,
        RotationResult result,
        List<RotationStep> steps,
        List<CertificateChange> certificates,
        String backup,
        String csr)
        implements Serializable {

    public RotationReport {
        steps = List.copyOf(steps);
        certificates = List.copyOf(certificates);
    }

    /** 0 when rotated or nothing was due, 2 when rolled back, 3 when it failed. */
    public int exitCode() {
        if (result instanceof RotationResult.RolledBack) {
            return 2;
        }
        return result instanceof RotationResult.Failed ? 3 : 0;
    }
}
