package io.konnectivity.check;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.konnectivity.cert.CertificateDecoder;
import io.konnectivity.cert.CertificateFormatException;
import io.konnectivity.cert.ChainVerifier;
import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.cluster.AgentWorkloadReader;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.ClusterErrors;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.KubeconfigFile;
import io.konnectivity.cluster.KubeconfigFiles;
import io.konnectivity.cluster.KubernetesClients;
import io.konnectivity.cluster.ServingChainCapture;
import io.konnectivity.cluster.ServingChainProbe;
import io.konnectivity.cluster.TunnelProbe;
import io.konnectivity.cluster.TunnelState;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Checks one cluster: every certificate its tunnel depends on, the agent workload and the tunnel itself. */
public final class ClusterChecker {

    private static final String MODE_LABEL = "addonmanager.kubernetes.io/mode";

    private final Clock clock;
    private final CheckListener listener;
    /** Shares one Jackson serialization among every client this checker opens. */
    private final KubernetesClients clients = new KubernetesClients();

    public ClusterChecker(Clock clock, CheckListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** Never throws for a cluster problem: what went wrong is the result. */
    public ClusterResult check(ClusterTarget target, CheckRequest request) {
        return check(target, request, new KubeconfigFiles());
    }

    /** As {@link #check(ClusterTarget, CheckRequest)}, reading kubeconfig files through a run's shared cache. */
    public ClusterResult check(ClusterTarget target, CheckRequest request, KubeconfigFiles files) {
        Instant started = clock.instant();
        Named named = new Named(target.name(), target.context());
        try {
            return check(named, files.load(target.kubeconfig()), request, started);
        } catch (ClusterAccessException e) {
            return notChecked(named, "", started, e.getMessage());
        }
    }

    /**
     * Checks through a kubeconfig already read, such as one held in memory only.
     *
     * @param name how the report names the cluster
     * @param context the kubeconfig context; null for its current context
     */
    public ClusterResult check(String name, KubeconfigFile kubeconfig, String context, CheckRequest request) {
        return check(new Named(name, context), kubeconfig, request, clock.instant());
    }

    private ClusterResult check(Named target, KubeconfigFile kubeconfig, CheckRequest request, Instant started) {
        String server = "";
        try {
            String context = kubeconfig.requireContext(target.context());
            server = kubeconfig.server(context);
            try (KubernetesClients.Opened opened = clients.open(kubeconfig.clientConfig(context, request.timeout()))) {
                return read(target, request, kubeconfig, context, server, opened, started);
            }
        } catch (ClusterAccessException e) {
            return notChecked(target, server, started, e.getMessage());
        } catch (KubernetesClientException e) {
            return notChecked(
                    target, server, started, ClusterErrors.describe(e, server, contextOf(target), "checking"));
        }
    }

    private ClusterResult read(
            Named target,
            CheckRequest request,
            KubeconfigFile kubeconfig,
            String context,
            String server,
            KubernetesClients.Opened opened,
            Instant started)
            throws ClusterAccessException {
        KubernetesClient client = opened.client();
        CertificateJudge judge = new CertificateJudge(request.thresholds(), started);
        AgentNames names = request.names();
        List<CertificateCheck> certificates = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, String> facts = new TreeMap<>();

        Optional<X509Certificate> kubeconfigCa = readKubeconfig(kubeconfig, context, judge, certificates);

        Secret secret = timed(
                target, "read Secret " + names.secretPath(), () -> getSecret(client, names, server, contextOf(target)));
        // After the first request, whose connection showed the API server's chain.
        readServingChain(target, server, request.timeout(), opened.servingChain(), kubeconfigCa, judge, certificates);
        if (secret != null) {
            certificates.addAll(
                    0,
                    new AgentSecretEvaluation(judge).evaluate(names.namespace(), names.secret(), decodedData(secret)));
        }
        String secretMode = secret == null || secret.getMetadata().getLabels() == null
                ? null
                : secret.getMetadata().getLabels().get(MODE_LABEL);

        // The version does not depend on anything else: it travels beside the workload and tunnel reads.
        List<Finding> versionFindings = new ArrayList<>();
        CompletableFuture<Optional<VersionInfo>> version = CompletableFuture.supplyAsync(
                () -> optionalRead(target, "read Kubernetes version", versionFindings, client::getKubernetesVersion),
                ClusterChecker::onNewThread);

        Optional<AgentWorkloadReader.Found> found = optionalRead(
                        target,
                        "read agent workload",
                        findings,
                        () -> AgentWorkloadReader.find(client, names.namespace(), names.workload()))
                .flatMap(optional -> optional);
        AgentWorkload workload = found.map(f -> f.describe(names.namespace(), names.secret(), secretMode))
                .orElse(null);

        TunnelState tunnel = probeTunnel(target, request, client, found, findings);
        scan(target, request, client, judge, certificates, findings);
        version.join().ifPresent(info -> facts.put("kubernetesVersion", info.getGitVersion()));
        findings.addAll(versionFindings);

        List<Finding> explained = new ArrayList<>(
                new FindingRules(target.name(), names).explain(certificates, secret != null, workload, tunnel));
        explained.addAll(findings);
        return new ClusterResult.Checked(
                target.name(),
                server,
                started,
                Duration.between(started, clock.instant()),
                certificates,
                workload,
                tunnel,
                explained,
                facts);
    }

    private Optional<X509Certificate> readKubeconfig(
            KubeconfigFile kubeconfig, String context, CertificateJudge judge, List<CertificateCheck> certificates)
            throws ClusterAccessException {
        Optional<X509Certificate> ca = Optional.empty();
        Optional<byte[]> caBytes = kubeconfig.certificateAuthority(context);
        if (caBytes.isPresent()) {
            Location location = Location.kubeconfig(context, "certificate-authority");
            try {
                List<X509Certificate> bundle = CertificateDecoder.decode(caBytes.get(), location.describe());
                ca = Optional.of(bundle.get(0));
                certificates.add(judge.judge(CertificateRole.KUBECONFIG_CA, location, bundle.get(0), List.of()));
            } catch (CertificateFormatException e) {
                certificates.add(judge.unreadable(CertificateRole.KUBECONFIG_CA, location, e.getMessage()));
            }
        }
        Optional<byte[]> clientBytes = kubeconfig.clientCertificate(context);
        if (clientBytes.isPresent()) {
            Location location = Location.kubeconfig(context, "client-certificate");
            try {
                X509Certificate certificate = CertificateDecoder.decodeFirst(clientBytes.get(), location.describe());
                certificates.add(judge.judge(CertificateRole.KUBECONFIG_CLIENT, location, certificate, List.of()));
            } catch (CertificateFormatException e) {
                certificates.add(judge.unreadable(CertificateRole.KUBECONFIG_CLIENT, location, e.getMessage()));
            }
        }
        return ca;
    }

    private void readServingChain(
            Named target,
            String server,
            Duration timeout,
            ServingChainCapture capture,
            Optional<X509Certificate> kubeconfigCa,
            CertificateJudge judge,
            List<CertificateCheck> certificates)
            throws ClusterAccessException {
        if (!server.startsWith("https://")) {
            return;
        }
        List<X509Certificate> chain = timed(target, "read API server certificate", () -> {
            Optional<List<X509Certificate>> seen = capture.chain();
            if (seen.isPresent()) {
                return seen.get();
            }
            try {
                return ServingChainProbe.read(server, timeout);
            } catch (IOException e) {
                throw new ClusterAccessException(
                        ClusterErrors.describe(e, server, contextOf(target), "reading the API server's certificate"));
            }
        });
        String endpoint = URI.create(server).getAuthority();
        for (int i = 0; i < chain.size(); i++) {
            List<String> problems = new ArrayList<>();
            if (i == 0 && kubeconfigCa.isPresent()) {
                ChainVerifier.problem(
                                chain.get(0),
                                chain.subList(1, chain.size()),
                                List.of(kubeconfigCa.get()),
                                "the kubeconfig's certificate-authority")
                        .ifPresent(problems::add);
            }
            CertificateRole role = i == 0 ? CertificateRole.API_SERVER_SERVING : CertificateRole.API_SERVER_CHAIN;
            certificates.add(judge.judge(role, Location.endpoint(endpoint, i), chain.get(i), problems));
        }
    }

    private static Secret getSecret(KubernetesClient client, AgentNames names, String server, String context)
            throws ClusterAccessException {
        try {
            return client.secrets()
                    .inNamespace(names.namespace())
                    .withName(names.secret())
                    .get();
        } catch (KubernetesClientException e) {
            throw new ClusterAccessException(
                    ClusterErrors.describe(e, server, context, "reading Secret " + names.secretPath()), e);
        }
    }

    private TunnelState probeTunnel(
            Named target,
            CheckRequest request,
            KubernetesClient client,
            Optional<AgentWorkloadReader.Found> workload,
            List<Finding> findings) {
        if (!request.probeTunnel()) {
            return new TunnelState.NotProbed("the tunnel probe was turned off.");
        }
        if (workload.isEmpty()) {
            return new TunnelState.NotProbed("no agent workload was found.");
        }
        return optionalRead(
                        target,
                        "probe tunnel",
                        findings,
                        () -> TunnelProbe.probe(client, request.names().namespace(), workload.get()))
                .orElse(new TunnelState.NotProbed("the agent pods could not be listed."));
    }

    private void scan(
            Named target,
            CheckRequest request,
            KubernetesClient client,
            CertificateJudge judge,
            List<CertificateCheck> certificates,
            List<Finding> findings) {
        SecretScan scan = new SecretScan(judge);
        // Each namespace once, however often it was named: a Secret read twice would be reported twice.
        for (String namespace : new LinkedHashSet<>(request.scanNamespaces())) {
            optionalRead(
                            target,
                            "scan Secrets in " + namespace,
                            findings,
                            () -> client.secrets().inNamespace(namespace).list().getItems())
                    .ifPresent(secrets -> secrets.stream()
                            .filter(secret -> !isAgentSecret(secret, request.names()))
                            .forEach(secret -> certificates.addAll(
                                    scan.scan(namespace, secret.getMetadata().getName(), decodedData(secret)))));
        }
    }

    private static boolean isAgentSecret(Secret secret, AgentNames names) {
        return names.namespace().equals(secret.getMetadata().getNamespace())
                && names.secret().equals(secret.getMetadata().getName());
    }

    /** A read the check can do without: its failure becomes a finding instead of failing the cluster. */
    private <T> Optional<T> optionalRead(Named target, String step, List<Finding> findings, Read<T> read) {
        try {
            return Optional.ofNullable(timed(target, step, read));
        } catch (ClusterAccessException | KubernetesClientException e) {
            findings.add(new Finding(
                    Finding.Level.WARNING,
                    "READ_FAILED",
                    target.name(),
                    "Could not " + step + ": " + ClusterErrors.describe(e, "the API server", contextOf(target), step),
                    "Grant the permissions in docs/rbac.yaml to see this part of the cluster."));
            return Optional.empty();
        }
    }

    private <T> T timed(Named target, String step, Read<T> read) throws ClusterAccessException {
        Instant start = clock.instant();
        T value = read.get();
        listener.step(target.name(), step, Duration.between(start, clock.instant()));
        return value;
    }

    /** A daemon thread per side request: nothing to shut down, and a check makes one. */
    private static void onNewThread(Runnable task) {
        Thread thread = new Thread(task, "konnectivity-side-request");
        thread.setDaemon(true);
        thread.start();
    }

    static Map<String, byte[]> decodedData(Secret secret) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> data.put(key, decodeBase64(value)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((key, value) -> data.put(key, value.getBytes()));
        }
        return data;
    }

    private static byte[] decodeBase64(String value) {
        try {
            return value == null ? new byte[0] : Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private ClusterResult notChecked(Named target, String server, Instant started, String error) {
        return new ClusterResult.NotChecked(
                target.name(), server, started, Duration.between(started, clock.instant()), error);
    }

    /** How reports and messages name the cluster being checked, and the context asked for (null for the current). */
    private record Named(String name, String context) {}

    private static String contextOf(Named target) {
        return target.context() == null ? target.name() : target.context();
    }

    @FunctionalInterface
    private interface Read<T> {
        T get() throws ClusterAccessException;
    }
}
