package io.konnectivity.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who runs a rotation from the command line: user at host, as recorded on the lock, the CSR and the backup. */
final class Holder {

    private Holder() {}

    static String current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host + " (konnectivity cli)";
    }
}
