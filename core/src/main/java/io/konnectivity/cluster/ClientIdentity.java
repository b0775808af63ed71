package io.konnectivity.cluster;

import io.fabric8.kubernetes.client.Config;
import io.konnectivity.cert.CertificateDecoder;
import io.konnectivity.cert.CertificateFormatException;
import io.konnectivity.cert.PrivateKeyDecoder;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client certificate and key a kubeconfig context authenticates with, offered to TLS straight from memory. fabric8
 * would put them into a password-protected PKCS#12 store first, whose key derivation costs more than the rest of a
 * check's cryptography.
 */
final class ClientIdentity extends X509ExtendedKeyManager {

    private static final String ALIAS = "kubeconfig-client";

    private final X509Certificate[] chain;
    private final PrivateKey key;

    private ClientIdentity(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain.toArray(new X509Certificate[0]);
        this.key = key;
    }

    /**
     * The identity of {@code config}, when it is a plain PEM certificate and key; empty for anything else (no client
     * certificate, a key store, a passphrase, or bytes that do not decode), which is left to fabric8 as it is.
     */
    static Optional<ClientIdentity> of(Config config) {
        if (config.getKeyStoreFile() != null && !config.getKeyStoreFile().isBlank()) {
            return Optional.empty();
        }
        try {
            Optional<byte[]> certificate = bytes(config.getClientCertData(), config.getClientCertFile());
            Optional<byte[]> key = bytes(config.getClientKeyData(), config.getClientKeyFile());
            if (certificate.isEmpty() || key.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ClientIdentity(
                    CertificateDecoder.decode(certificate.get(), "client-certificate"),
                    PrivateKeyDecoder.decode(key.get(), "client-key")));
        } catch (CertificateFormatException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Takes the certificate and key out of {@code config}, so that fabric8 does not build its own store of them. */
    static void removeFrom(Config config) {
        config.setClientCertData(null);
        config.setClientCertFile(null);
        config.setClientKeyData(null);
        config.setClientKeyFile(null);
    }

    KeyManager[] keyManagers() {
        return new KeyManager[] {this};
    }

    private static Optional<byte[]> bytes(String data, String file) throws IOException {
        if (data != null && !data.isBlank()) {
            return Optional.of(Base64.getMimeDecoder().decode(data.strip()));
        }
        if (file != null && !file.isBlank()) {
            return Optional.of(Files.readAllBytes(Path.of(file)));
        }
        return Optional.empty();
    }

    private String aliasFor(String[] keyTypes) {
        if (keyTypes == null) {
            return null;
        }
        String algorithm = family(key.getAlgorithm());
        for (String keyType : keyTypes) {
            if (keyType != null && family(keyType).equals(algorithm)) {
                return ALIAS;
            }
        }
        return null;
    }

    private static String family(String algorithm) {
        String upper = algorithm.toUpperCase(Locale.ROOT);
        if (upper.startsWith("RSA")) {
            return "RSA";
        }
        if (upper.startsWith("EC")) {
            return "EC";
        }
        if (upper.startsWith("ED")) {
            return "EDDSA";
        }
        return upper;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasFor(new String[] {keyType}) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String toString() {
        return "client identity " + chain[0].getSubjectX500Principal().getName();
    }
}
