package io.konnectivity.check;

import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.cert.CertificateReader;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Gives one certificate its status at a given instant, under given thresholds. */
public final class CertificateJudge {

    private final Thresholds thresholds;
    private final Instant now;

    public CertificateJudge(Thresholds thresholds, Instant now) {
        this.thresholds = thresholds;
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    /**
     * The verdict on a parsed certificate. Any problem makes it INVALID; otherwise its days left decide.
     * Client authentication is required of the roles that need it.
     */
    public CertificateCheck judge(
            CertificateRole role, Location location, X509Certificate certificate, List<String> problems) {
        CertificateFacts facts = CertificateReader.read(certificate);
        List<String> allProblems = new ArrayList<>(problems);
        if (role.requiresClientAuth() && !facts.allowsClientAuth()) {
            allProblems.add("it lacks the clientAuth extended key usage (has "
                    + String.join(", ", facts.extendedKeyUsages()) + "), so no server accepts it as a client.");
        }
        if (facts.isNotYetValidAt(now)) {
            allProblems.add("it is not valid before " + facts.notBefore() + ".");
        }
        long daysLeft = facts.daysLeft(now);
        Status status = allProblems.isEmpty() ? thresholds.statusFor(daysLeft, facts.isExpiredAt(now)) : Status.INVALID;
        return new CertificateCheck(role, location, facts, daysLeft, status, allProblems);
    }

    /** The verdict on something that should have been a certificate and is not. */
    public CertificateCheck unreadable(CertificateRole role, Location location, String problem) {
        return new CertificateCheck(role, location, null, null, Status.INVALID, List.of(problem));
    }
}
