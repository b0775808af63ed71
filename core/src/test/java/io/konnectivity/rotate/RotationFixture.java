package io.konnectivity.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.konnectivity.cert.CertificateDecoder;
import io.konnectivity.cert.KeyMatch;
import io.konnectivity.cert.PrivateKeyDecoder;
import io.konnectivity.check.AgentNames;
import io.konnectivity.check.CheckListener;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.ClusterChecker;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.TunnelState;
import io.konnectivity.sandbox.SandboxCluster;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** What the rotation tests share: requests tuned for the sandbox and assertions on the agent Secret. */
final class RotationFixture {

    static final AgentNames NAMES = AgentNames.DEFAULT;

    private RotationFixture() {}

    static RotationRequest request() {
        return RotationRequest.defaults("test-runner@ci")
                .withApprovalTimeout(Duration.ofSeconds(10))
                .withRolloutTimeout(Duration.ofSeconds(20))
                .withLockDuration(Duration.ofSeconds(3))
                .withRequestTimeout(Duration.ofSeconds(3));
    }

    static ClusterTarget target(SandboxCluster cluster) {
        return new ClusterTarget(cluster.context(), cluster.kubeconfig(), cluster.context());
    }

    static Secret agentSecret(SandboxCluster cluster) {
        return cluster.adminClient()
                .secrets()
                .inNamespace(NAMES.namespace())
                .withName(NAMES.secret())
                .get();
    }

    static X509Certificate certificate(Secret secret) throws Exception {
        return CertificateDecoder.decodeFirst(decode(secret, "client.crt"), "client.crt");
    }

    static byte[] decode(Secret secret, String key) {
        return Base64.getMimeDecoder().decode(secret.getData().get(key));
    }

    /** The invariant no failure may break: a matching key and certificate, ca.crt and client.key as they were. */
    static void assertConsistent(SandboxCluster cluster, Secret original) throws Exception {
        Secret now = agentSecret(cluster);
        assertThat(now).as("the agent Secret exists").isNotNull();
        assertThat(now.getData().get("ca.crt")).isEqualTo(original.getData().get("ca.crt"));
        assertThat(now.getData().get("client.key")).isEqualTo(original.getData().get("client.key"));
        var key = PrivateKeyDecoder.decode(decode(now, "client.key"), "client.key");
        assertThat(KeyMatch.matches(key, certificate(now).getPublicKey()))
                .as("key matches certificate")
                .isTrue();
        Map<String, String> labels = now.getMetadata().getLabels();
        assertThat(labels).containsAllEntriesOf(original.getMetadata().getLabels());
    }

    static boolean leaseHeldBeyond(SandboxCluster cluster, Instant deadline) {
        var lease = cluster.adminClient()
                .leases()
                .inNamespace(NAMES.namespace())
                .withName(RotationLock.leaseName(NAMES.secret()))
                .get();
        return lease != null && RotationLock.expiry(lease).isAfter(deadline);
    }

    static TunnelState tunnel(SandboxCluster cluster) {
        ClusterResult result = new ClusterChecker(Clock.systemUTC(), CheckListener.SILENT)
                .check(target(cluster), CheckRequest.defaults());
        return ((ClusterResult.Checked) result).tunnel();
    }
}
