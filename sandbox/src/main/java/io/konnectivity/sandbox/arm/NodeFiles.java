package io.konnectivity.sandbox.arm;

import io.konnectivity.sandbox.SandboxPki;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate files on an emulated node, and what the node prints when a run-command script reads them with
 * {@code openssl x509 -noout -startdate -enddate -serial -fingerprint -sha256 -nameopt RFC2253 -issuer -subject}, one
 * line per file that the script names, in the form konnectivity's node script prints: {@code
 * konnectivity-node-cert|<path>|ok|notBefore=...|notAfter=...|serial=...|sha256 Fingerprint=...|...|subject=...|}.
 */
final class NodeFiles {

    static final String API_SERVER = "/etc/kubernetes/certs/apiserver.crt";
    static final String CA = "/etc/kubernetes/certs/ca.crt";
    static final String KUBELET_CLIENT = "/var/lib/kubelet/pki/kubelet-client-current.pem";
    static final String LINE_PREFIX = "konnectivity-node-cert|";

    private static final Pattern PATHS =
            Pattern.compile("(/etc/kubernetes/certs/[\\w.-]+|/var/lib/kubelet/pki/[\\w.-]+)");
    private static final DateTimeFormatter OPENSSL_DATE = DateTimeFormatter.ofPattern(
                    "MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Map<String, X509Certificate> files = new LinkedHashMap<>();

    private NodeFiles() {}

    /** The files of a node of {@code cluster}: its sandbox's CA, an API server certificate and a kubelet one. */
    static NodeFiles of(EmulatedCluster cluster, String nodeName) {
        SandboxPki pki = cluster.sandbox().pki();
        Instant notAfter = cluster.nodeCertificateExpiry();
        Instant notBefore = notAfter.minus(Duration.ofDays(730));
        NodeFiles node = new NodeFiles();
        node.files.put(
                API_SERVER,
                pki.issueServing(notBefore, notAfter, SandboxPki.KeyType.EC_P256)
                        .certificate());
        node.files.put(CA, pki.caCertificate());
        Instant now = pki.clock().instant();
        node.files.put(
                KUBELET_CLIENT,
                pki.issueClient(
                                "CN=system:node:" + nodeName + ",O=system:nodes",
                                now.minus(Duration.ofDays(30)),
                                now.plus(Duration.ofDays(335)),
                                SandboxPki.KeyType.EC_P256)
                        .certificate());
        return node;
    }

    /** What the script prints on this node: one line for each certificate path it names, in its order. */
    String stdout(String script) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = PATHS.matcher(script);
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        while (matcher.find()) {
            seen.add(matcher.group(1));
        }
        for (String path : seen) {
            X509Certificate certificate = files.get(path);
            if (certificate == null) {
                out.append(LINE_PREFIX).append(path).append("|missing\n");
            } else {
                out.append(LINE_PREFIX)
                        .append(path)
                        .append("|ok|")
                        .append(opensslFacts(certificate))
                        .append('\n');
            }
        }
        return out.toString();
    }

    X509Certificate file(String path) {
        return files.get(path);
    }

    private static String opensslFacts(X509Certificate certificate) {
        return "notBefore=" + OPENSSL_DATE.format(certificate.getNotBefore().toInstant()) + "|notAfter="
                + OPENSSL_DATE.format(certificate.getNotAfter().toInstant()) + "|serial="
                + certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT) + "|sha256 Fingerprint="
                + fingerprint(certificate) + "|issuer="
                + certificate.getIssuerX500Principal().getName(X500Principal.RFC2253) + "|subject="
                + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253) + "|";
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint an emulated node certificate", e);
        }
    }
}
