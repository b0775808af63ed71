package io.konnectivity.check;

import io.konnectivity.cert.CertificateFormatException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds and judges every PEM certificate held under any key of a Secret. Keys holding no certificate are skipped. */
public final class SecretScan {

    private static final byte[] CERTIFICATE_MARKER = "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);

    private final CertificateJudge judge;

    public SecretScan(CertificateJudge judge) {
        this.judge = judge;
    }

    public List<CertificateCheck> scan(String namespace, String name, Map<String, byte[]> data) {
        List<CertificateCheck> checks = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(data).entrySet()) {
            byte[] value = entry.getValue();
            if (value == null || !contains(value, CERTIFICATE_MARKER)) {
                continue;
            }
            String what = namespace + "/" + name + "[" + entry.getKey() + "]";
            try {
                List<X509Certificate> certificates = AgentSecretEvaluation.decode(value, what);
                for (int i = 0; i < certificates.size(); i++) {
                    Location location = Location.secretKey(namespace, name, entry.getKey(), i);
                    checks.add(judge.judge(CertificateRole.SCANNED, location, certificates.get(i), List.of()));
                }
            } catch (CertificateFormatException e) {
                Location location = Location.secretKey(namespace, name, entry.getKey(), 0);
                checks.add(judge.unreadable(CertificateRole.SCANNED, location, e.getMessage()));
            }
        }
        return checks;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
