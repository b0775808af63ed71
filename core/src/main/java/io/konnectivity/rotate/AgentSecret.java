package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.konnectivity.cert.CertificateDecoder;
import io.konnectivity.cert.CertificateFormatException;
import io.konnectivity.cert.CertificateReader;
import io.konnectivity.cert.KeyMatch;
import io.konnectivity.cert.PrivateKeyDecoder;
import io.konnectivity.check.AgentNames;
import io.konnectivity.check.AgentSecretEvaluation;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The agent's certificate Secret as a rotation needs it: parsed, with the key proven to match the certificate. Never
 * printed: {@link #toString()} names it only.
 */
public final class AgentSecret {

    private final Secret secret;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final List<X509Certificate> caBundle;

    private AgentSecret(Secret secret, X509Certificate certificate, PrivateKey key, List<X509Certificate> caBundle) {
        this.secret = secret;
        this.certificate = certificate;
        this.key = key;
        this.caBundle = caBundle;
    }

    /** Reads and validates the Secret; every failure names the Secret and what to do. */
    public static AgentSecret read(KubernetesClient client, AgentNames names) throws RotationException {
        Secret secret = client.secrets()
                .inNamespace(names.namespace())
                .withName(names.secret())
                .get();
        if (secret == null) {
            throw new RotationException("The Secret " + names.secretPath() + " does not exist, so there is no key"
                    + " to renew a certificate for. Restore it from a backup (konnectivity backups, konnectivity"
                    + " restore) or run AKS's full rotation.");
        }
        return parse(secret);
    }

    /** Validates an already read Secret. */
    public static AgentSecret parse(Secret secret) throws RotationException {
        String path =
                secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        try {
            List<X509Certificate> caBundle =
                    CertificateDecoder.decode(required(data, AgentSecretEvaluation.CA_KEY, path), path + "[ca.crt]");
            X509Certificate certificate = CertificateDecoder.decodeFirst(
                    required(data, AgentSecretEvaluation.CERTIFICATE_KEY, path), path + "[client.crt]");
            PrivateKey key = PrivateKeyDecoder.decode(
                    required(data, AgentSecretEvaluation.PRIVATE_KEY_KEY, path), path + "[client.key]");
            String algorithm = key.getAlgorithm();
            if (!"RSA".equals(algorithm) && !"EC".equals(algorithm)) {
                throw new RotationException(path + "[client.key] is an " + algorithm + " key; a renewal keeps the"
                        + " agent's key and supports RSA and EC keys only.");
            }
            if (!KeyMatch.matches(key, certificate.getPublicKey())) {
                throw new RotationException(path + "[client.key] does not match " + path + "[client.crt]: renewing"
                        + " would keep a pair the agent cannot use. Restore the Secret from a backup first.");
            }
            if (isSystemMasters(certificate)) {
                throw new RotationException(path + "[client.crt] names the group system:masters, which the"
                        + " kube-apiserver-client signer refuses to sign; the agent must not hold it either.");
            }
            return new AgentSecret(secret, certificate, key, caBundle);
        } catch (CertificateFormatException e) {
            throw new RotationException(e.getMessage() + " Nothing was changed.", e);
        }
    }

    private static byte[] required(Map<String, String> data, String key, String path) throws RotationException {
        String value = data.get(key);
        if (value == null || value.isBlank()) {
            throw new RotationException("The Secret " + path + " has no " + key + "; a renewal needs ca.crt,"
                    + " client.crt and client.key. Nothing was changed.");
        }
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new RotationException("The Secret " + path + " holds a " + key + " that is not base64.");
        }
    }

    static boolean isSystemMasters(X509Certificate certificate) {
        X500Name name =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs(BCStyle.O)) {
            if ("system:masters".equals(IETFUtils.valueToString(rdn.getFirst().getValue()))) {
                return true;
            }
        }
        return false;
    }

    public Secret secret() {
        return secret;
    }

    public String path() {
        return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey key() {
        return key;
    }

    public List<X509Certificate> caBundle() {
        return caBundle;
    }

    public X500Principal subject() {
        return certificate.getSubjectX500Principal();
    }

    public String fingerprint() {
        return CertificateReader.fingerprint(certificate);
    }

    /** The raw base64 value under {@code key}, as stored, for comparing and restoring. */
    public String raw(String key) {
        return secret.getData() == null ? null : secret.getData().get(key);
    }

    static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "AgentSecret[" + path() + "]";
    }
}
