package io.konnectivity.report;

import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationResult;
import io.konnectivity.rotate.RotationStep;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The wording the rotation reports share, so that every format says the same about a rotation. */
final class RotationText {

    /** How a rotation ended, as every format names it. */
    enum Result {
        ROTATED("ROTATED"),
        UNCHANGED("UNCHANGED"),
        ROLLED_BACK("ROLLED BACK"),
        FAILED("FAILED");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        /** For people: {@code ROLLED BACK} rather than {@code ROLLED_BACK}. */
        String label() {
            return label;
        }

        /** For HTML class names: {@code rolled-back}. */
        String css() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Rotated, or nothing to do: what exit code 0 means. */
        boolean success() {
            return this == ROTATED || this == UNCHANGED;
        }

        static Result of(RotationResult result) {
            if (result instanceof RotationResult.Rotated) {
                return ROTATED;
            }
            if (result instanceof RotationResult.Unchanged) {
                return UNCHANGED;
            }
            if (result instanceof RotationResult.RolledBack) {
                return ROLLED_BACK;
            }
            return FAILED;
        }
    }

    /** One row of a before/after comparison of a certificate. */
    record Fact(String label, Function<CertificateFacts, String> value) {}

    /** What the before/after comparisons show of a certificate, in this order. */
    static final List<Fact> FACTS = List.of(
            new Fact("Subject", CertificateFacts::subject),
            new Fact("Serial", CertificateFacts::serial),
            new Fact("SHA-256 fingerprint", CertificateFacts::sha256Fingerprint),
            new Fact("Not after", facts -> ReportText.dateTime(facts.notAfter())));

    /** Stands for the certificate after when there is none: it did not change, or the rotation did not get that far. */
    static final String NOT_CHANGED = "not changed";

    static final String NOT_READ = "not read";

    private RotationText() {}

    static Result result(RotationReport report) {
        return Result.of(report.result());
    }

    /** A dry run plans its steps instead of taking them. */
    static boolean dryRun(RotationReport report) {
        return report.steps().stream().anyMatch(step -> step.outcome() == RotationStep.Outcome.PLANNED);
    }

    /** Such as {@code ROTATED}, {@code ROLLED BACK} or {@code UNCHANGED (dry run)}; a restore is {@code RESTORED}. */
    static String title(RotationReport report) {
        Result result = result(report);
        if (result == Result.ROTATED && restore(report)) {
            return "RESTORED";
        }
        return result == Result.UNCHANGED && dryRun(report) ? result.label() + " (dry run)" : result.label();
    }

    /** What the report is of: {@code rotation}, or {@code restore} when it put a backup back. */
    static String noun(RotationReport report) {
        return restore(report) ? "restore" : "rotation";
    }

    /** Such as {@code Konnectivity rotation of aks-test-neu}. */
    static String heading(RotationReport report) {
        return "Konnectivity " + noun(report) + " of " + report.cluster();
    }

    private static boolean restore(RotationReport report) {
        return report.mode() != null && report.mode().name().equals("RESTORE");
    }

    static String summary(RotationReport report) {
        if (report.result() == null) {
            return "The rotation report has no result.";
        }
        return report.result().summary() == null ? "" : report.result().summary();
    }

    static String mode(RotationReport report) {
        return report.mode() == null ? "unknown" : report.mode().name();
    }

    /** Such as {@code Mode CSR, started 2025-03-01 06:00 UTC, took 42.5 s, exit code 0}. */
    static String facts(RotationReport report) {
        return "Mode " + mode(report) + ", started " + ReportText.dateTime(report.startedAt()) + ", took "
                + duration(report.took()) + ", exit code " + report.exitCode();
    }

    /** Such as {@code Backup konnectivity-certs-backup-20250301-060001, CSR none}. */
    static String objects(RotationReport report) {
        return "Backup " + orNone(report.backup()) + ", CSR " + orNone(report.csr());
    }

    static String orNone(String name) {
        return name == null || name.isBlank() ? "none" : name;
    }

    /** Such as {@code 850 ms}, {@code 42.5 s} or {@code 2 min 5 s}. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "?";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return millis / 60_000 + " min " + (millis % 60_000) / 1000 + " s";
    }

    /** The step's outcome by name; {@code UNKNOWN} if the report has none. */
    static String outcome(RotationStep step) {
        return step.outcome() == null ? "UNKNOWN" : step.outcome().name();
    }

    /** A planned step did not run, so it has no duration. */
    static String duration(RotationStep step) {
        return step.outcome() == RotationStep.Outcome.PLANNED ? "-" : duration(step.took());
    }

    static String seconds(Duration duration) {
        return duration == null ? "0" : String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }

    /** Whole days the new certificate lasts longer than the old one; null when either is not known. */
    static Long daysAdded(CertificateChange change) {
        if (change.before() == null
                || change.after() == null
                || change.before().notAfter() == null
                || change.after().notAfter() == null) {
            return null;
        }
        return Duration.between(change.before().notAfter(), change.after().notAfter())
                .toDays();
    }

    /** Such as {@code +365 days}; {@code none} when there is no new certificate, {@code unknown} when a side is not known. */
    static String daysAddedText(CertificateChange change) {
        Long days = daysAdded(change);
        if (days == null) {
            return change.after() == null ? "none" : "unknown";
        }
        return (days > 0 ? "+" : days < 0 ? "-" : "") + ReportText.days(Math.abs(days));
    }

    /**
     * Such as {@code expires 365 days later}, {@code expires 12 days earlier} (a restore of an older certificate) or
     * {@code not changed}.
     */
    static String change(CertificateChange change) {
        if (change.after() == null) {
            return NOT_CHANGED;
        }
        Long days = daysAdded(change);
        if (days == null) {
            return change.before() == null ? "new" : "expiry change unknown";
        }
        if (days == 0) {
            return "expires the same day";
        }
        return "expires " + ReportText.days(Math.abs(days)) + (days > 0 ? " later" : " earlier");
    }

    /** The heading over the new certificate: after a rollback it is no longer the one in use. */
    static String afterHeading(RotationReport report) {
        return switch (result(report)) {
            case ROLLED_BACK -> "Issued, rolled back";
            case FAILED -> "Issued";
            default -> "After";
        };
    }

    /** A fact of the certificate before; {@code not read} when the rotation could not read it or it is new. */
    static String before(CertificateFacts facts, Fact fact) {
        return facts == null ? NOT_READ : orUnknown(fact.value().apply(facts));
    }

    /** A fact of the new certificate; {@code not changed} when there is none. */
    static String after(CertificateFacts facts, Fact fact) {
        return facts == null ? NOT_CHANGED : orUnknown(fact.value().apply(facts));
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    /** What the reader must know about the new certificates, or null when they are what they seem. */
    static String afterNote(RotationReport report) {
        boolean issued = report.certificates().stream().anyMatch(change -> change.after() != null);
        if (!issued) {
            return null;
        }
        return switch (result(report)) {
            case ROLLED_BACK -> "The new certificate was rolled back: the certificate before is in use again.";
            case FAILED ->
                "The new certificate was written before the rotation failed;"
                        + " the result says which certificate the Secret holds now.";
            default -> null;
        };
    }

    /** What to say when a rotation changed no certificate, such as one that failed in its preflight. */
    static String noCertificates(RotationReport report) {
        return result(report) == Result.FAILED
                ? "The rotation stopped before it read a certificate."
                : "No certificate was read.";
    }
}
