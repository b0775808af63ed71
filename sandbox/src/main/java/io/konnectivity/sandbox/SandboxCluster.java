package io.konnectivity.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A simulated AKS cluster on loopback: fabric8's mock API server in CRUD mode, seeded with the objects around the
 * Konnectivity agent, behind a TLS endpoint whose certificate the cluster's own CA signed, and a kubeconfig to reach
 * it. A simulator for tests and trials, not a Kubernetes API server: only the few controllers the tunnel's renewal
 * involves are simulated (agent rollouts, evictions, the client CSR signer).
 */
public final class SandboxCluster implements AutoCloseable {

    /** The common name of the kubeconfig's client certificate, which is the user the API server names in errors. */
    public static final String ADMIN_USER = "sandbox-admin";

    /** The mock server logs every request at INFO; a sandbox serving a benchmark must not. Held to keep the level. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private static final Duration BACKDATE = Duration.ofDays(1);

    private final SandboxScenario scenario;
    private final SandboxPki pki;
    private final SandboxPki.IssuedCertificate agentCertificate;
    private final SandboxPki.IssuedCertificate adminCertificate;
    private final KubernetesMockServer server;
    private final TlsRelay relay;
    private final Path directory;
    private final Path kubeconfig;
    private final SimulatedApiServer api;
    private final FaultPlan faults;
    private KubernetesClient adminClient;
    private boolean closed;

    private SandboxCluster(
            SandboxScenario scenario,
            SandboxPki pki,
            SandboxPki.IssuedCertificate agentCertificate,
            SandboxPki.IssuedCertificate adminCertificate,
            KubernetesMockServer server,
            TlsRelay relay,
            Path directory,
            SimulatedApiServer api,
            FaultPlan faults) {
        this.scenario = scenario;
        this.pki = pki;
        this.agentCertificate = agentCertificate;
        this.adminCertificate = adminCertificate;
        this.server = server;
        this.relay = relay;
        this.directory = directory;
        this.kubeconfig = directory.resolve("kubeconfig");
        this.api = api;
        this.faults = faults;
    }

    /** Generates the cluster's PKI, starts its API server, seeds it and writes its kubeconfig. */
    public static SandboxCluster start(SandboxScenario scenario) {
        Instant now = scenario.clock().instant();
        // RSA keys take 50 to 250 ms each: the agent's is made while the CA's is, and the rest are EC.
        CompletableFuture<KeyPair> agentKey =
                CompletableFuture.supplyAsync(() -> SandboxPki.newKeyPair(scenario.agentKeyType()));
        SandboxPki pki = SandboxPki.generate(scenario.clusterName(), SandboxPki.KeyType.RSA_2048, scenario.clock());
        SandboxPki.IssuedCertificate agent = agentCertificate(scenario, pki, now, agentKey.join());
        SandboxPki.IssuedCertificate admin = pki.issueClient(
                "CN=" + ADMIN_USER + ",O=sandbox:operators",
                now.minus(BACKDATE),
                now.plus(Duration.ofDays(365)),
                SandboxPki.KeyType.EC_P256);
        SandboxPki.IssuedCertificate serving = servingCertificate(pki, now);

        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        new AksObjects(scenario, pki, agent).seed(new ObjectStore(crud)::create);
        FaultPlan faults = new FaultPlan();
        SimulatedApiServer api = new SimulatedApiServer(crud, scenario, ADMIN_USER, pki, faults);
        KubernetesMockServer server =
                new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
        TlsRelay relay = null;
        Path directory = null;
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
            relay = TlsRelay.start(
                    serving, pki, new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()));
            directory = KubeconfigFile.privateDirectory("konnectivity-sandbox-" + scenario.clusterName() + "-");
            SandboxCluster cluster =
                    new SandboxCluster(scenario, pki, agent, admin, server, relay, directory, api, faults);
            cluster.writeKubeconfig();
            return cluster;
        } catch (RuntimeException e) {
            if (relay != null) {
                relay.close();
            }
            server.shutdown();
            KubeconfigFile.deleteDirectory(directory);
            throw e;
        }
    }

    /** The kubeconfig file, in a directory only the owner can read, with one context named after the cluster. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    public String context() {
        return scenario.clusterName();
    }

    /** The HTTPS address of the API server, the only one the sandbox gives out. */
    public String serverUrl() {
        return "https://127.0.0.1:" + relay.port();
    }

    public SandboxPki pki() {
        return pki;
    }

    /** The certificate and key the Secret {@code kube-system/konnectivity-certs} was seeded with. */
    public SandboxPki.IssuedCertificate agentCertificate() {
        return agentCertificate;
    }

    /** The client certificate of the kubeconfig's user, {@code CN=sandbox-admin}. */
    public SandboxPki.IssuedCertificate adminCertificate() {
        return adminCertificate;
    }

    /** A client built from the kubeconfig, trusting only the cluster CA; closed with the cluster. */
    public synchronized KubernetesClient adminClient() {
        if (adminClient == null) {
            adminClient = new KubernetesClientBuilder().withConfig(config()).build();
        }
        return adminClient;
    }

    /** The client configuration the kubeconfig gives, as any fabric8 user of the kubeconfig would read it. */
    public Config config() {
        return Config.fromKubeconfig(context(), kubeconfig.toFile());
    }

    public SandboxScenario scenario() {
        return scenario;
    }

    /**
     * The faults the API server injects, and the log of every request it served: for reliability tests that fail each
     * API call of an operation in turn.
     */
    public FaultPlan faults() {
        return faults;
    }

    /** The agent pods as they are now, by name, with what each loaded from the Secret when it started. */
    public List<AgentPod> agentPods() {
        Instant now = scenario.clock().instant();
        return api.rollout().agentPods().stream()
                .map(pod -> {
                    LoadedCertificate loaded = LoadedCertificate.of(pod);
                    return new AgentPod(
                            pod.getMetadata().getName(),
                            pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                            AgentWorkload.isReady(pod),
                            pod.getStatus() == null || pod.getStatus().getStartTime() == null
                                    ? null
                                    : Instant.parse(pod.getStatus().getStartTime()),
                            loaded.notAfter(),
                            loaded.fingerprint(),
                            loaded.problem(),
                            !loaded.tunnelDownAt(now));
                })
                .toList();
    }

    /**
     * Whether the tunnel works: some agent pod runs and the log of every agent pod would answer now, as after a
     * successful renewal. False while any agent pod answers the tunnel error.
     */
    public boolean tunnelUp() {
        List<AgentPod> pods = agentPods();
        return !pods.isEmpty() && pods.stream().allMatch(AgentPod::tunnelUp);
    }

    /** Whether agent pods that rollouts and evictions start from now on become Ready. */
    public boolean agentsBecomeReady() {
        return api.rollout().agentsBecomeReady();
    }

    /**
     * Sets whether agent pods started from now on become Ready, or stay Running with Ready=False
     * ({@code ContainersNotReady}). Setting it to true also makes the agent pods that are waiting to become ready Ready
     * now, and the workload's ready count follows.
     */
    public void setAgentsBecomeReady(boolean ready) {
        api.rollout().setAgentsBecomeReady(ready);
    }

    /** Makes the API server unreachable, as a stopped or private cluster is: connections are then refused. */
    public void stopServing() {
        relay.close();
    }

    /** How many requests the API server has answered, seeding excluded. */
    public int requestCount() {
        return server.getRequestCount();
    }

    /** Stops the API server and deletes the kubeconfig with its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (adminClient != null) {
                adminClient.close();
            }
            relay.close();
            server.shutdown();
        } finally {
            KubeconfigFile.deleteDirectory(directory);
        }
    }

    @Override
    public String toString() {
        return "SandboxCluster[" + scenario.clusterName() + " at " + serverUrl() + "]";
    }

    void addTo(KubeconfigFile file, String clusterEntry, String userEntry) {
        file.cluster(clusterEntry, serverUrl(), pki.caPem()).user(userEntry, adminCertificate);
    }

    private void writeKubeconfig() {
        String name = scenario.clusterName();
        String user = userEntry(name);
        KubeconfigFile file = new KubeconfigFile();
        addTo(file, name, user);
        file.context(name, name, user).writeTo(kubeconfig);
    }

    static String userEntry(String clusterName) {
        return "clusterAdmin_rg-" + clusterName + "_" + clusterName;
    }

    /**
     * Clients check the serving certificate against the system clock, whatever the scenario's clock says, so it is
     * valid at both.
     */
    private static SandboxPki.IssuedCertificate servingCertificate(SandboxPki pki, Instant scenarioNow) {
        Instant systemNow = Clock.systemUTC().instant();
        Instant earlier = scenarioNow.isBefore(systemNow) ? scenarioNow : systemNow;
        Instant later = scenarioNow.isAfter(systemNow) ? scenarioNow : systemNow;
        return pki.issueServing(earlier.minus(BACKDATE), later.plus(Duration.ofDays(365)), SandboxPki.KeyType.EC_P256);
    }

    private static SandboxPki.IssuedCertificate agentCertificate(
            SandboxScenario scenario, SandboxPki pki, Instant now, KeyPair keyPair) {
        Instant notAfter = now.plus(scenario.agentCertificateExpiresIn());
        Instant notBefore = now.minus(BACKDATE);
        if (!notBefore.isBefore(notAfter)) {
            notBefore = notAfter.minus(Duration.ofDays(365));
        }
        return pki.issueClient("CN=konnectivity-agent", notBefore, notAfter, keyPair);
    }
}
