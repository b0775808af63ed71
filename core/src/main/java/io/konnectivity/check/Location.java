package io.konnectivity.check;

import java.io.Serializable;

/**
 * Where a certificate was read: a key of a Secret, a TLS endpoint, a kubeconfig or a file. Unused parts are null.
 *
 * @param index the position of the certificate in a bundle of several (0 for the first or only one)
 */
public record Location(String namespace, String secret, String key, String endpoint, String file, int index)
        implements Serializable {

    public static Location secretKey(String namespace, String secret, String key, int index) {
        return new Location(namespace, secret, key, null, null, index);
    }

    public static Location endpoint(String hostAndPort, int index) {
        return new Location(null, null, null, hostAndPort, null, index);
    }

    public static Location kubeconfig(String context, String key) {
        return new Location(null, null, key, null, "kubeconfig:" + context, 0);
    }

    public static Location file(String path, int index) {
        return new Location(null, null, null, null, path, index);
    }

    /** A short human-readable form such as {@code kube-system/konnectivity-certs[client.crt]}. */
    public String describe() {
        String where;
        if (secret != null) {
            where = namespace + "/" + secret + "[" + key + "]";
        } else if (endpoint != null) {
            where = "https://" + endpoint;
        } else if (key != null) {
            where = file + "[" + key + "]";
        } else {
            where = file;
        }
        return index > 0 ? where + "#" + index : where;
    }
}
