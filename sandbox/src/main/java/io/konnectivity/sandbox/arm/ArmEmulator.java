package io.konnectivity.sandbox.arm;

import io.konnectivity.sandbox.SandboxPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockWebServer;

/**
 * Azure Resource Manager on loopback, for the AKS and VM scale set calls konnectivity makes: HTTPS with a certificate
 * of its own CA (the SDK sends bearer tokens over HTTPS only), the request and response shapes of the REST API specs,
 * long-running operations polled through {@code Azure-AsyncOperation} and {@code Location}, paging through {@code
 * nextLink}, and the faults of {@link #faults()}. Clusters are plain records, so hundreds cost little; each is backed
 * by a {@link io.konnectivity.sandbox.SandboxCluster}, which many may share.
 *
 * <pre>{@code
 * try (ArmEmulator arm = ArmEmulator.start()) {
 *     arm.add(EmulatedCluster.builder("aks-prod", sandbox).rbacEnabled(false).build());
 *     // point the Azure SDK at arm.endpoint(), trusting arm.caPem(), with the bearer token arm.token()
 * }
 * }</pre>
 */
public final class ArmEmulator implements AutoCloseable {

    /** The bearer token every request must carry unless another is chosen with {@link #token(String)}. */
    public static final String DEFAULT_TOKEN = "emulator-token";

    /** The mock server logs every request at INFO; an emulator serving a benchmark must not. Held to keep the level. */
    private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        SERVER_LOG.setLevel(Level.WARNING);
    }

    private final MockWebServer server;
    private final SandboxPki pki;
    private final Map<String, ClusterEntry> clusters = new ConcurrentHashMap<>();
    private final Map<String, EmulatedOperation> operations = new ConcurrentHashMap<>();
    private final Map<String, NodeFiles> nodes = new ConcurrentHashMap<>();
    private final ArmFaults faults = new ArmFaults();
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final Clock clock;
    private volatile String token = DEFAULT_TOKEN;
    private volatile Duration latency = Duration.ZERO;
    private volatile int pageSize = 100;
    private volatile int rotationPolls = 2;
    private volatile int runCommandPolls = 1;
    private volatile boolean recordRequests = true;

    /** A registered cluster and what changes about it while the emulator runs. */
    static final class ClusterEntry {
        final EmulatedCluster cluster;
        volatile String provisioningState;
        volatile int rotations;

        ClusterEntry(EmulatedCluster cluster) {
            this.cluster = cluster;
            this.provisioningState = cluster.provisioningState();
        }
    }

    private ArmEmulator(MockWebServer server, SandboxPki pki, Clock clock) {
        this.server = server;
        this.pki = pki;
        this.clock = clock;
    }

    /** Starts an emulator on an ephemeral loopback port with a new CA. */
    public static ArmEmulator start() {
        return start(Clock.systemUTC());
    }

    /** Starts an emulator whose certificates and operation times come from {@code clock}. */
    public static ArmEmulator start(Clock clock) {
        SandboxPki pki = SandboxPki.generate("arm-emulator", SandboxPki.KeyType.EC_P256, clock);
        Instant now = clock.instant();
        SandboxPki.IssuedCertificate serving = pki.issueServing(
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), SandboxPki.KeyType.EC_P256);
        MockWebServer server = new MockWebServer();
        ArmEmulator emulator = new ArmEmulator(server, pki, clock);
        server.useHttps(sslContext(serving, pki).getSocketFactory(), false);
        server.setProtocols(List.of(Protocol.HTTP_1_1));
        server.setDispatcher(new ArmDispatcher(emulator));
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on loopback for the ARM emulator", e);
        }
        return emulator;
    }

    /** The base URL to give the SDK as the resource manager endpoint, ending in a slash. */
    public String endpoint() {
        return "https://127.0.0.1:" + server.getPort() + "/";
    }

    /** The PEM of the CA that signed the emulator's certificate; clients must trust it. */
    public String caPem() {
        return pki.caPem();
    }

    public X509Certificate caCertificate() {
        return pki.caCertificate();
    }

    public String token() {
        return token;
    }

    /** The bearer token requests must carry. */
    public ArmEmulator token(String value) {
        this.token = value;
        return this;
    }

    public ArmFaults faults() {
        return faults;
    }

    /** Time added before every response, as the distance to ARM adds it. */
    public ArmEmulator latency(Duration value) {
        this.latency = value;
        return this;
    }

    /** How many clusters or VMs one list page holds before a {@code nextLink} follows. */
    public ArmEmulator pageSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("A page holds at least one item, not " + value);
        }
        this.pageSize = value;
        return this;
    }

    /** How many status polls a certificate rotation stays in progress for; at least 1. */
    public ArmEmulator rotationPolls(int value) {
        this.rotationPolls = Math.max(1, value);
        return this;
    }

    /** How many status polls a run-command stays in progress for; at least 1. */
    public ArmEmulator runCommandPolls(int value) {
        this.runCommandPolls = Math.max(1, value);
        return this;
    }

    /** Whether {@link #requests()} keeps every request line; a benchmark turns it off. */
    public ArmEmulator recordRequests(boolean value) {
        this.recordRequests = value;
        return this;
    }

    /** Registers a cluster, replacing one of the same subscription, resource group and name. */
    public ArmEmulator add(EmulatedCluster cluster) {
        clusters.put(key(cluster.subscription(), cluster.resourceGroup(), cluster.name()), new ClusterEntry(cluster));
        return this;
    }

    /** Deletes a cluster: from now on every request about it answers 404. */
    public boolean remove(String subscription, String resourceGroup, String name) {
        return clusters.remove(key(subscription, resourceGroup, name)) != null;
    }

    /** How many certificate rotations of the cluster have completed. */
    public int rotations(String subscription, String resourceGroup, String name) {
        ClusterEntry entry = clusters.get(key(subscription, resourceGroup, name));
        return entry == null ? 0 : entry.rotations;
    }

    /** The request lines answered so far, such as {@code POST /subscriptions/.../listClusterUserCredential}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requestCount.get();
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the ARM emulator", e);
        }
    }

    @Override
    public String toString() {
        return "ArmEmulator[" + endpoint() + ", " + clusters.size() + " clusters]";
    }

    // What the dispatcher reads and changes.

    Clock clock() {
        return clock;
    }

    Duration latency() {
        return latency;
    }

    int pageSize() {
        return pageSize;
    }

    int rotationPolls() {
        return rotationPolls;
    }

    int runCommandPolls() {
        return runCommandPolls;
    }

    void recordRequest(String line) {
        requestCount.incrementAndGet();
        if (recordRequests) {
            requests.add(line);
        }
    }

    Optional<ClusterEntry> cluster(String subscription, String resourceGroup, String name) {
        return Optional.ofNullable(clusters.get(key(subscription, resourceGroup, name)));
    }

    Collection<ClusterEntry> clusters() {
        return clusters.values();
    }

    void addOperation(EmulatedOperation operation) {
        operations.put(operation.id(), operation);
    }

    Optional<EmulatedOperation> operation(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    NodeFiles node(EmulatedCluster cluster, String nodeName) {
        return nodes.computeIfAbsent(cluster.id() + "/" + nodeName, key -> NodeFiles.of(cluster, nodeName));
    }

    void forgetNodes(EmulatedCluster cluster) {
        nodes.keySet().removeIf(key -> key.startsWith(cluster.id() + "/"));
    }

    static String key(String subscription, String resourceGroup, String name) {
        return (subscription + "/" + resourceGroup + "/" + name).toLowerCase(Locale.ROOT);
    }

    private static SSLContext sslContext(SandboxPki.IssuedCertificate serving, SandboxPki pki) {
        try {
            // The store lives in memory only; its password protects nothing and is never written anywhere.
            char[] password = "arm-emulator".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("serving", serving.keyPair().getPrivate(), password, new Certificate[] {
                serving.certificate(), pki.caCertificate()
            });
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS for the ARM emulator", e);
        }
    }
}
