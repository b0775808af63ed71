package io.konnectivity.report;

import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationResult;
import io.konnectivity.rotate.RotationStep;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes private keys out of free text before a report shows it. A rotation handles the agent's private key, so a step
 * detail or an error message quoting a request or a Secret could carry it; no report format may ever pass it on.
 */
final class KeyMaterial {

    static final String REMOVED = "[private key removed]";

    /** A PEM private key of any kind, up to its end line or, when cut off, to the end of its Base64 body. */
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"
                    + "(?:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|[A-Za-z0-9+/=:,\\s\\\\-]*)",
            Pattern.DOTALL);

    /** Base64 long enough to hold the smallest private key (Ed25519 in PKCS#8, 48 bytes), as Secret data is. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{64,}={0,2}");

    private KeyMaterial() {}

    /** The text without private keys, in PEM, as Base64 of PEM (Secret data) or as Base64 of DER. */
    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String withoutPem = PEM.matcher(text).replaceAll(Matcher.quoteReplacement(REMOVED));
        Matcher base64 = BASE64.matcher(withoutPem);
        StringBuilder out = new StringBuilder();
        while (base64.find()) {
            String replacement = holdsPrivateKey(base64.group()) ? REMOVED : base64.group();
            base64.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        base64.appendTail(out);
        return out.toString();
    }

    /** The report with every string it holds redacted; what cannot hold text is kept as it is. */
    static RotationReport redact(RotationReport report) {
        return new RotationReport(
                redact(report.cluster()),
                redact(report.server()),
                report.mode(),
                report.startedAt(),
                report.took(),
                redact(report.result()),
                report.steps().stream()
                        .map(step -> new RotationStep(
                                redact(step.name()), step.outcome(), redact(step.detail()), step.took()))
                        .toList(),
                report.certificates().stream()
                        .map(change -> new CertificateChange(
                                redact(change.what()), redact(change.before()), redact(change.after())))
                        .toList(),
                redact(report.backup()),
                redact(report.csr()));
    }

    private static RotationResult redact(RotationResult result) {
        if (result == null) {
            return null;
        }
        String summary = redact(result.summary());
        if (result instanceof RotationResult.Rotated) {
            return new RotationResult.Rotated(summary);
        }
        if (result instanceof RotationResult.Unchanged) {
            return new RotationResult.Unchanged(summary);
        }
        if (result instanceof RotationResult.RolledBack) {
            return new RotationResult.RolledBack(summary);
        }
        return new RotationResult.Failed(summary);
    }

    private static CertificateFacts redact(CertificateFacts facts) {
        if (facts == null) {
            return null;
        }
        return new CertificateFacts(
                redact(facts.subject()),
                redact(facts.issuer()),
                facts.serial(),
                facts.sha256Fingerprint(),
                facts.notBefore(),
                facts.notAfter(),
                facts.keyAlgorithm(),
                facts.keySize(),
                facts.keyUsages(),
                facts.extendedKeyUsages(),
                facts.ca(),
                facts.selfSigned());
    }

    private static boolean holdsPrivateKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY") || isPrivateKeyDer(bytes);
    }

    /**
     * Whether DER bytes look like a private key: PKCS#8, PKCS#1 and SEC1 keys are a SEQUENCE that opens with a
     * one-byte version INTEGER (0 or 1), where certificates, CSRs and public keys open with a SEQUENCE or a long
     * INTEGER (an RSA modulus).
     */
    private static boolean isPrivateKeyDer(byte[] der) {
        if (der.length < 8 || der[0] != 0x30) {
            return false;
        }
        int lengthBytes = (der[1] & 0x80) == 0 ? 0 : der[1] & 0x7F;
        int content = 2 + lengthBytes;
        return lengthBytes <= 4
                && der.length > content + 3
                && der[content] == 0x02
                && der[content + 1] == 0x01
                && (der[content + 2] == 0x00 || der[content + 2] == 0x01);
    }
}
