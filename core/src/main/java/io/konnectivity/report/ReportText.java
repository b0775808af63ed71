package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The wording and date formats the reports for people share, so that every format says the same thing. */
final class ReportText {

    static final String UNREADABLE_SUBJECT = "(not readable)";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportText() {}

    static String date(Instant instant) {
        return instant == null ? "unknown" : DATE.format(instant);
    }

    static String dateTime(Instant instant) {
        return instant == null ? "unknown" : DATE_TIME.format(instant);
    }

    static String expiryDate(CertificateCheck certificate) {
        return certificate.facts() == null
                ? "unknown"
                : date(certificate.facts().notAfter());
    }

    static String expiryDateTime(CertificateCheck certificate) {
        return certificate.facts() == null
                ? "unknown"
                : dateTime(certificate.facts().notAfter());
    }

    static String daysLeft(CertificateCheck certificate) {
        return certificate.daysLeft() == null ? "?" : Long.toString(certificate.daysLeft());
    }

    static String subject(CertificateCheck certificate) {
        return certificate.facts() == null
                ? UNREADABLE_SUBJECT
                : certificate.facts().subject();
    }

    /** How long a certificate has left, such as {@code 5 days left} or {@code expired 3 days ago}. */
    static String remaining(CertificateCheck certificate) {
        Long daysLeft = certificate.daysLeft();
        if (daysLeft == null) {
            return "expiry unknown";
        }
        if (daysLeft >= 0) {
            return days(daysLeft) + " left";
        }
        // Whole days are floored, so -1 means it expired within the last 24 hours.
        long ago = -daysLeft - 1;
        return ago == 0 ? "expired less than a day ago" : "expired " + days(ago) + " ago";
    }

    static String days(long count) {
        return count == 1 ? "1 day" : count + " days";
    }

    static String problems(CertificateCheck certificate) {
        return String.join("; ", certificate.problems());
    }

    /** A string as one line: reports put values in table cells and attributes. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
