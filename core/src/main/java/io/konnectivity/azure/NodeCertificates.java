package io.konnectivity.azure;

import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.RunCommandResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.RunCommandInput;
import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CertificateRole;
import io.konnectivity.check.DaemonThreads;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Location;
import io.konnectivity.check.Status;
import io.konnectivity.check.Thresholds;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Reads the certificate files on a cluster's nodes with VM scale set run-command ({@code RunShellScript}): the first
 * nodes of every Linux pool, the pools in parallel. A pool that cannot be read becomes a finding, never a failure of
 * the cluster's check.
 */
public final class NodeCertificates {

    /** How many more instances of a pool are tried when some cannot run the command. */
    private static final int MORE_TRIES = 2;

    private static final String POOL_TAG = "aks-managed-poolName";
    private static final int MAX_POOLS_AT_ONCE = 8;

    private final ArmClients arm;
    private final Clock clock;
    private final AzureListener listener;

    public NodeCertificates(ArmClients arm, Clock clock, AzureListener listener) {
        this.arm = arm;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * What was read from the nodes.
     *
     * @param pools the cluster's pools, with the scale set found for each
     */
    public record NodeScan(List<CertificateCheck> certificates, List<Finding> findings, List<AksAgentPool> pools)
            implements Serializable {

        public NodeScan {
            certificates = List.copyOf(certificates);
            findings = List.copyOf(findings);
            pools = List.copyOf(pools);
        }
    }

    public NodeScan read(AksClusterFacts cluster, NodeCheckRequest request, Thresholds thresholds)
            throws InterruptedException {
        String name = cluster.id().shortName();
        List<AksAgentPool> pools;
        try {
            pools = withScaleSets(cluster);
        } catch (AzureAccessException e) {
            return new NodeScan(
                    List.of(), List.of(nodeFinding(cluster, "the node pools", e.getMessage())), cluster.agentPools());
        }
        List<Callable<PoolResult>> tasks = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (AksAgentPool pool : pools) {
            if (pool.scaleSet() == null) {
                findings.add(nodeFinding(
                        cluster,
                        "pool " + pool.name(),
                        "no VM scale set in " + cluster.nodeResourceGroup()
                                + " carries its name (virtual machine pools are not read)."));
            } else if (!pool.isLinux()) {
                findings.add(new Finding(
                        Finding.Level.INFO,
                        "NODE_POOL_NOT_READ",
                        name + " pool " + pool.name(),
                        "Pool " + pool.name() + " runs " + pool.osType() + ", whose certificate files are not read.",
                        ""));
            } else if (pool.count() > 0) {
                tasks.add(() -> readPool(cluster, pool, request, thresholds));
            }
        }

        List<CertificateCheck> certificates = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.max(1, Math.min(tasks.size(), MAX_POOLS_AT_ONCE)), DaemonThreads.named("konnectivity-nodes"));
        try {
            List<Future<PoolResult>> futures =
                    executor.invokeAll(tasks, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < futures.size(); i++) {
                PoolResult result = outcome(futures.get(i), cluster, request);
                certificates.addAll(result.certificates());
                findings.addAll(result.findings());
            }
        } finally {
            executor.shutdownNow();
        }
        return new NodeScan(certificates, findings, pools);
    }

    private PoolResult outcome(Future<PoolResult> future, AksClusterFacts cluster, NodeCheckRequest request)
            throws InterruptedException {
        try {
            return future.get();
        } catch (java.util.concurrent.CancellationException e) {
            return PoolResult.failed(nodeFinding(
                    cluster,
                    "a node pool",
                    "the run-commands did not finish within "
                            + request.timeout().toSeconds() + " s."));
        } catch (ExecutionException e) {
            return PoolResult.failed(nodeFinding(cluster, "a node pool", String.valueOf(e.getCause())));
        }
    }

    /** The cluster's pools, each with the scale set AKS tagged with its name. */
    List<AksAgentPool> withScaleSets(AksClusterFacts cluster) throws AzureAccessException {
        ComputeManagementClient compute = arm.compute(cluster.subscription());
        List<VirtualMachineScaleSetInner> scaleSets = new ArrayList<>();
        try {
            compute.getVirtualMachineScaleSets()
                    .listByResourceGroup(cluster.nodeResourceGroup())
                    .forEach(scaleSets::add);
        } catch (RuntimeException e) {
            throw AzureErrors.explain(
                    e,
                    ArmAction.READ_SCALE_SETS,
                    "node resource group " + cluster.nodeResourceGroup(),
                    arm.endpoint().url());
        }
        return cluster.agentPools().stream()
                .map(pool -> pool.withScaleSet(scaleSets.stream()
                        .filter(scaleSet -> belongsTo(scaleSet, pool))
                        .map(VirtualMachineScaleSetInner::name)
                        .findFirst()
                        .orElse(null)))
                .toList();
    }

    private static boolean belongsTo(VirtualMachineScaleSetInner scaleSet, AksAgentPool pool) {
        Map<String, String> tags = scaleSet.tags() == null ? Map.of() : scaleSet.tags();
        if (tags.containsKey(POOL_TAG)) {
            return pool.name().equalsIgnoreCase(tags.get(POOL_TAG));
        }
        return scaleSet.name().matches("(?i)aks-" + java.util.regex.Pattern.quote(pool.name()) + "-\\d+-vmss");
    }

    private PoolResult readPool(
            AksClusterFacts cluster, AksAgentPool pool, NodeCheckRequest request, Thresholds thresholds)
            throws InterruptedException {
        ComputeManagementClient compute = arm.compute(cluster.subscription());
        String where = "scale set " + pool.scaleSet();
        List<String> instances;
        try {
            List<VirtualMachineScaleSetVMInner> vms = new ArrayList<>();
            compute.getVirtualMachineScaleSetVMs()
                    .list(cluster.nodeResourceGroup(), pool.scaleSet())
                    .forEach(vms::add);
            instances = vms.stream()
                    .map(VirtualMachineScaleSetVMInner::instanceId)
                    .sorted(Comparator.comparing(NodeCertificates::numeric).thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (RuntimeException e) {
            return PoolResult.failed(nodeFinding(
                    cluster,
                    where,
                    AzureErrors.explain(
                                    e,
                                    ArmAction.READ_SCALE_SET_VMS,
                                    where,
                                    arm.endpoint().url())
                            .getMessage()));
        }
        List<CertificateCheck> certificates = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // An instance that cannot run the command (deallocated by scale-down, evicted spot VM) gives way to the next,
        // up to a few more than asked for; its failure is reported only if the pool ends up short.
        List<Finding> unreachable = new ArrayList<>();
        int read = 0;
        int tries = 0;
        for (String instance : instances) {
            if (read >= request.instancesPerPool() || tries >= request.instancesPerPool() + MORE_TRIES) {
                break;
            }
            tries++;
            String node = pool.scaleSet() + "/" + instance;
            try {
                String message = runScript(cluster, pool.scaleSet(), instance, request.timeout());
                List<NodeCertificateScript.Line> lines = NodeCertificateScript.parse(message);
                certificates.addAll(checks(lines, node, thresholds, findings, cluster));
                if (lines.isEmpty()) {
                    findings.add(nodeFinding(
                            cluster, "node " + node, "the script printed no certificate line" + stderrHint(message)));
                }
                read++;
            } catch (AzureAccessException e) {
                unreachable.add(nodeFinding(cluster, "node " + node, e.getMessage()));
                if (e.status() == 401 || e.status() == 403) {
                    break; // the next instance would be refused the same way
                }
            } catch (TimeoutException e) {
                unreachable.add(nodeFinding(cluster, "node " + node, e.getMessage() + "."));
            }
        }
        if (read < Math.min(request.instancesPerPool(), instances.size())) {
            findings.addAll(unreachable);
        }
        return new PoolResult(certificates, findings);
    }

    private String runScript(AksClusterFacts cluster, String scaleSet, String instance, Duration timeout)
            throws AzureAccessException, TimeoutException, InterruptedException {
        String node = scaleSet + "/" + instance;
        Instant started = clock.instant();
        try {
            SyncPoller<?, RunCommandResultInner> poller = arm.compute(cluster.subscription())
                    .getVirtualMachineScaleSetVMs()
                    .beginRunCommand(
                            cluster.nodeResourceGroup(),
                            scaleSet,
                            instance,
                            new RunCommandInput()
                                    .withCommandId("RunShellScript")
                                    .withScript(NodeCertificateScript.lines()));
            PollResponse<?> last = new OperationPoller(clock, arm.settings().pollInterval(), listener)
                    .await(poller, cluster.id().shortName(), "runCommand on " + node, timeout);
            if (!OperationPoller.succeeded(last)) {
                throw new AzureAccessException(
                        "The run-command on node " + node + " ended " + last.getStatus()
                                + "; see the scale set's activity log.",
                        0,
                        null);
            }
            RunCommandResultInner result = poller.getFinalResult();
            listener.step(
                    cluster.id().shortName(),
                    "read certificates on node " + node,
                    Duration.between(started, clock.instant()));
            return result == null || result.value() == null
                    ? ""
                    : result.value().stream()
                            .map(InstanceViewStatus::message)
                            .filter(message -> message != null)
                            .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            throw AzureErrors.explain(
                    e, ArmAction.RUN_COMMAND, "node " + node, arm.endpoint().url());
        }
    }

    private List<CertificateCheck> checks(
            List<NodeCertificateScript.Line> lines,
            String node,
            Thresholds thresholds,
            List<Finding> findings,
            AksClusterFacts cluster) {
        Instant now = clock.instant();
        List<CertificateCheck> checks = new ArrayList<>();
        for (NodeCertificateScript.Line line : lines) {
            Location location = Location.file(node + ":" + line.path(), 0);
            switch (line.state()) {
                case MISSING ->
                    findings.add(new Finding(
                            Finding.Level.INFO,
                            "NODE_CERT_MISSING",
                            location.describe(),
                            "Node " + node + " of " + cluster.id().shortName() + " has no " + line.path() + ".",
                            "Newer node images keep this certificate elsewhere; nothing to do unless it"
                                    + " should exist."));
                case ERROR ->
                    checks.add(new CertificateCheck(
                            NodeCertificateScript.role(line.path()),
                            location,
                            null,
                            null,
                            Status.INVALID,
                            List.of("openssl on the node could not read it: " + line.error())));
                case OK -> checks.add(judge(line, location, thresholds, now));
            }
        }
        return checks;
    }

    /**
     * The verdict on a certificate known only by the facts openssl printed. Those hold no key usages, so no role's
     * usage is checked here: only the dates decide.
     */
    static CertificateCheck judge(
            NodeCertificateScript.Line line, Location location, Thresholds thresholds, Instant now) {
        CertificateRole role = NodeCertificateScript.role(line.path());
        Map<String, String> fields = line.fields();
        try {
            Instant notAfter = NodeCertificateScript.date(fields.get("notAfter"));
            Instant notBefore = fields.containsKey("notBefore")
                    ? NodeCertificateScript.date(fields.get("notBefore"))
                    : notAfter.minus(Duration.ofDays(365));
            String subject = fields.getOrDefault("subject", "");
            String issuer = fields.getOrDefault("issuer", "");
            CertificateFacts facts = new CertificateFacts(
                    subject,
                    issuer,
                    serial(fields.get("serial")),
                    fields.getOrDefault("sha256", "").toUpperCase(java.util.Locale.ROOT),
                    notBefore,
                    notAfter,
                    "unknown",
                    0,
                    List.of(),
                    List.of(),
                    subject.equals(issuer),
                    subject.equals(issuer));
            List<String> problems = new ArrayList<>();
            if (facts.isNotYetValidAt(now)) {
                problems.add("it is not valid before " + notBefore + ".");
            }
            long daysLeft = facts.daysLeft(now);
            Status status =
                    problems.isEmpty() ? thresholds.statusFor(daysLeft, facts.isExpiredAt(now)) : Status.INVALID;
            return new CertificateCheck(role, location, facts, daysLeft, status, problems);
        } catch (IllegalArgumentException e) {
            return new CertificateCheck(
                    role,
                    location,
                    null,
                    null,
                    Status.INVALID,
                    List.of("the node's openssl output cannot be read: " + e.getMessage()));
        }
    }

    private static String serial(String openssl) {
        if (openssl == null || openssl.isBlank()) {
            return "";
        }
        try {
            return new BigInteger(openssl.strip(), 16).toString(16);
        } catch (NumberFormatException e) {
            return openssl.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static Finding nodeFinding(AksClusterFacts cluster, String what, String why) {
        return new Finding(
                Finding.Level.WARNING,
                "NODE_CERTS_NOT_READ",
                "AKS cluster " + cluster.id().shortName(),
                "The certificates of " + what + " of " + cluster.id().shortName() + " could not be read: " + why,
                "Reading node certificates needs Virtual Machine Contributor on the node resource group "
                        + cluster.nodeResourceGroup() + "; see docs/azure.md.");
    }

    private static String stderrHint(String message) {
        String stderr = NodeCertificateScript.stderr(message);
        return stderr.isEmpty()
                ? "."
                : "; it said: " + stderr.lines().findFirst().orElse("") + ".";
    }

    private static long numeric(String instanceId) {
        try {
            return Long.parseLong(instanceId);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private record PoolResult(List<CertificateCheck> certificates, List<Finding> findings) {
        static PoolResult failed(Finding finding) {
            return new PoolResult(List.of(), List.of(finding));
        }
    }
}
