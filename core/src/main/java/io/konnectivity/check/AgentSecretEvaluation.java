package io.konnectivity.check;

import io.konnectivity.cert.CertificateDecoder;
import io.konnectivity.cert.CertificateFormatException;
import io.konnectivity.cert.ChainVerifier;
import io.konnectivity.cert.KeyMatch;
import io.konnectivity.cert.PrivateKeyDecoder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Judges the agent's certificate Secret ({@code ca.crt}, {@code client.crt}, {@code client.key}): each certificate's
 * dates, whether the key matches, whether the client certificate chains to the CA and allows client authentication.
 * Works on decoded Secret data, so the same code serves a live cluster and a saved Secret file.
 */
public final class AgentSecretEvaluation {

    public static final String CA_KEY = "ca.crt";
    public static final String CERTIFICATE_KEY = "client.crt";
    public static final String PRIVATE_KEY_KEY = "client.key";

    /** Larger values are not certificates; parsing them would only waste memory. */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    private final CertificateJudge judge;

    public AgentSecretEvaluation(CertificateJudge judge) {
        this.judge = judge;
    }

    /** The checks of the Secret {@code namespace/name} whose decoded data is {@code data}. */
    public List<CertificateCheck> evaluate(String namespace, String name, Map<String, byte[]> data) {
        return evaluate(namespace + "/" + name, data, (key, index) -> Location.secretKey(namespace, name, key, index));
    }

    /**
     * The checks of agent data read from anywhere: {@code secretPath} names the source in messages and
     * {@code locator} gives each key's location.
     */
    public List<CertificateCheck> evaluate(String secretPath, Map<String, byte[]> data, Locator locator) {
        List<CertificateCheck> checks = new ArrayList<>();
        Location clientLocation = locator.locate(CERTIFICATE_KEY, 0);

        List<X509Certificate> caBundle = List.of();
        byte[] caBytes = data.get(CA_KEY);
        if (caBytes == null || caBytes.length == 0) {
            checks.add(judge.unreadable(
                    CertificateRole.AGENT_CA,
                    locator.locate(CA_KEY, 0),
                    "The Secret " + secretPath + " has no " + CA_KEY + " (keys present: " + keys(data) + ")."));
        } else {
            caBundle = readBundle(secretPath, locator, caBytes, checks);
        }

        byte[] certificateBytes = data.get(CERTIFICATE_KEY);
        if (certificateBytes == null || certificateBytes.length == 0) {
            checks.add(
                    0,
                    judge.unreadable(
                            CertificateRole.AGENT_CLIENT,
                            clientLocation,
                            "The Secret " + secretPath + " has no " + CERTIFICATE_KEY + " (keys present: " + keys(data)
                                    + ")."));
            return checks;
        }
        try {
            List<X509Certificate> chain = decode(certificateBytes, secretPath + "[" + CERTIFICATE_KEY + "]");
            List<String> problems = new ArrayList<>();
            keyProblem(chain.get(0), data.get(PRIVATE_KEY_KEY), secretPath).ifPresent(problems::add);
            if (!caBundle.isEmpty()) {
                ChainVerifier.problem(
                                chain.get(0), chain.subList(1, chain.size()), caBundle, secretPath + "[" + CA_KEY + "]")
                        .ifPresent(problems::add);
            }
            checks.add(0, judge.judge(CertificateRole.AGENT_CLIENT, clientLocation, chain.get(0), problems));
        } catch (CertificateFormatException e) {
            checks.add(0, judge.unreadable(CertificateRole.AGENT_CLIENT, clientLocation, e.getMessage()));
        }
        return checks;
    }

    private List<X509Certificate> readBundle(
            String secretPath, Locator locator, byte[] bytes, List<CertificateCheck> checks) {
        try {
            List<X509Certificate> bundle = decode(bytes, secretPath + "[" + CA_KEY + "]");
            for (int i = 0; i < bundle.size(); i++) {
                checks.add(judge.judge(CertificateRole.AGENT_CA, locator.locate(CA_KEY, i), bundle.get(i), List.of()));
            }
            return bundle;
        } catch (CertificateFormatException e) {
            checks.add(judge.unreadable(CertificateRole.AGENT_CA, locator.locate(CA_KEY, 0), e.getMessage()));
            return List.of();
        }
    }

    /** Where the value under a key of the agent data was read from. */
    @FunctionalInterface
    public interface Locator {
        Location locate(String key, int index);
    }

    private static Optional<String> keyProblem(X509Certificate certificate, byte[] keyBytes, String path) {
        if (keyBytes == null || keyBytes.length == 0) {
            return Optional.of("The Secret " + path + " has no " + PRIVATE_KEY_KEY + ", so the agent cannot use "
                    + CERTIFICATE_KEY + ".");
        }
        try {
            PrivateKey key = PrivateKeyDecoder.decode(
                    checkedSize(keyBytes, path + "[" + PRIVATE_KEY_KEY + "]"), path + "[" + PRIVATE_KEY_KEY + "]");
            if (!KeyMatch.matches(key, certificate.getPublicKey())) {
                return Optional.of(PRIVATE_KEY_KEY + " does not match " + CERTIFICATE_KEY
                        + ": the agent would fail its TLS handshake.");
            }
            return Optional.empty();
        } catch (CertificateFormatException e) {
            return Optional.of(e.getMessage());
        }
    }

    static List<X509Certificate> decode(byte[] bytes, String what) throws CertificateFormatException {
        return CertificateDecoder.decode(checkedSize(bytes, what), what);
    }

    private static byte[] checkedSize(byte[] bytes, String what) throws CertificateFormatException {
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new CertificateFormatException(String.format(
                    "%s is %.1f MB, larger than any certificate or key could be (limit %d KB); it was not parsed.",
                    what, bytes.length / 1_048_576.0, MAX_VALUE_BYTES / 1024));
        }
        return bytes;
    }

    private static String keys(Map<String, byte[]> data) {
        return data.isEmpty() ? "none" : String.join(", ", new TreeSet<>(data.keySet()));
    }
}
