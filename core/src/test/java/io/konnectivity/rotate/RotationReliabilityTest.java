package io.konnectivity.rotate;

import static io.konnectivity.rotate.RotationFixture.agentSecret;
import static io.konnectivity.rotate.RotationFixture.assertConsistent;
import static io.konnectivity.rotate.RotationFixture.request;
import static io.konnectivity.rotate.RotationFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.konnectivity.sandbox.Fault;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import io.konnectivity.sandbox.ServedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Nothing is lost, whatever fails: a fault at every API call a rotation makes, and a crash between any two of its
 * steps, each followed by a rerun. After each, the Secret holds a matching, valid key and certificate, ca.crt and
 * client.key are unchanged, a verified backup of the original exists, and no lock stays held beyond its duration.
 */
class RotationReliabilityTest {

    private static final RotationRequest REQUEST = request()
            .withLockDuration(Duration.ofSeconds(1))
            .withRequestTimeout(Duration.ofSeconds(2))
            .withRolloutTimeout(Duration.ofSeconds(8))
            .withApprovalTimeout(Duration.ofSeconds(4));

    private static final Map<String, Integer> SCENARIOS = new LinkedHashMap<>();
    private static List<ServedRequest> calls;
    private static List<String> stepNames;

    @BeforeAll
    static void recordACleanRotation() {
        try (SandboxCluster cluster = SandboxCluster.start(scenario())) {
            List<String> steps = new ArrayList<>();
            RotationReport report = new Rotation(Clock.systemUTC(), (name, step) -> steps.add(step.name()))
                    .run(target(cluster), REQUEST.withRequestTimeout(Duration.ofSeconds(30)));
            assertThat(report.result()).as(report.result().summary()).isInstanceOf(RotationResult.Rotated.class);
            calls = distinctCalls(cluster.faults().requests());
            stepNames = steps;
        }
    }

    @AfterAll
    static void reportHowManyScenariosRan() {
        System.out.println("Rotation reliability scenarios run: " + SCENARIOS);
        System.out.println("Rotation reliability scenarios in all: "
                + SCENARIOS.values().stream().mapToInt(Integer::intValue).sum());
    }

    @TestFactory
    Stream<DynamicTest> aFaultAtEveryApiCallLosesNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ServedRequest call : calls) {
            for (Fault kind : faultKinds(call)) {
                Fault fault = Fault.on(call.method(), pattern(call.path())).onlyNth(1);
                Fault applied = kind.isTimeout()
                        ? fault.timeout(Duration.ofSeconds(30))
                        : kind.servesFirst()
                                ? fault.status(kind.statusCode()).afterServing()
                                : fault.status(kind.statusCode());
                String name = call.call() + " -> " + describe(applied);
                tests.add(DynamicTest.dynamicTest(name, () -> faultThenRerun(applied)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aCrashBetweenAnyTwoStepsIsFinishedByARerun() {
        return stepNames.stream()
                .filter(step -> !step.equals("cleanup"))
                .map(step -> DynamicTest.dynamicTest("crash after " + step, () -> crashThenRerun(step)));
    }

    @Test
    void twoRotationsStartedTogetherLetExactlyOneProceed() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(scenario())) {
            Secret original = agentSecret(cluster);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<RotationReport>> runs = new ArrayList<>();
                for (String holder : List.of("first@ci", "second@ci")) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        return new Rotation(Clock.systemUTC(), RotationListener.SILENT)
                                .run(target(cluster), REQUEST.withHolder(holder));
                    }));
                }
                start.countDown();
                List<RotationResult> results = new ArrayList<>();
                for (Future<RotationReport> run : runs) {
                    results.add(run.get().result());
                }

                assertThat(results)
                        .filteredOn(RotationResult.Rotated.class::isInstance)
                        .hasSize(1);
                assertThat(results)
                        .filteredOn(result -> !(result instanceof RotationResult.Rotated))
                        .singleElement()
                        .extracting(RotationResult::summary)
                        .asString()
                        .containsAnyOf("holds the lock", "at the same moment; it proceeds", "Renewed meanwhile");
                assertConsistent(cluster, original);
            } finally {
                pool.shutdownNow();
            }
        }
        count("concurrent start");
    }

    private void faultThenRerun(Fault fault) throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(scenario())) {
            Secret original = agentSecret(cluster);
            cluster.faults().inject(fault);

            RotationReport faulted =
                    new Rotation(Clock.systemUTC(), RotationListener.SILENT).run(target(cluster), REQUEST);

            assertInvariants(cluster, original, faulted);
            cluster.faults().clear();
            if (faulted.result() instanceof RotationResult.Rotated) {
                assertThat(cluster.tunnelUp()).isTrue();
            } else {
                rerunUntilRotated(cluster, original, faulted);
            }
        }
        count(fault.isTimeout() ? "timeout" : fault.statusCode() + (fault.servesFirst() ? " after serving" : ""));
    }

    private void crashThenRerun(String step) throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(scenario())) {
            Secret original = agentSecret(cluster);
            RotationListener crashing = (name, finished) -> {
                if (finished.name().equals(step)) {
                    throw new ProcessDeath();
                }
            };
            try {
                new Rotation(Clock.systemUTC(), crashing).run(target(cluster), REQUEST);
            } catch (ProcessDeath expected) {
                // the process "died" right after the step; nothing of the rotation's own cleanup ran
            }

            assertConsistent(cluster, original);
            assertThat(RotationFixture.leaseHeldBeyond(cluster, Instant.now().plus(REQUEST.lockDuration())))
                    .isFalse();
            rerunUntilRotated(cluster, original, null);
        }
        count("crash between steps");
    }

    private static void assertInvariants(SandboxCluster cluster, Secret original, RotationReport report)
            throws Exception {
        assertConsistent(cluster, original);
        assertThat(RotationFixture.leaseHeldBeyond(cluster, Instant.now().plus(REQUEST.lockDuration())))
                .as("no lock outlives its duration")
                .isFalse();
        if (!(report.result() instanceof RotationResult.Failed) || report.backup() != null) {
            assertVerifiedBackupOfOriginal(cluster, original);
        }
    }

    private static void rerunUntilRotated(SandboxCluster cluster, Secret original, RotationReport first)
            throws Exception {
        RotationReport rerun = null;
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            rerun = new Rotation(Clock.systemUTC(), RotationListener.SILENT).run(target(cluster), REQUEST);
            if (!(rerun.result() instanceof RotationResult.Failed failed)
                    || !failed.summary().contains("lock")) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(rerun.result())
                .as(rerun.result().summary() + (first == null ? "" : " after " + first.result() + " " + first.steps()))
                .isInstanceOf(RotationResult.Rotated.class);
        assertConsistent(cluster, original);
        assertThat(cluster.tunnelUp()).isTrue();
        assertVerifiedBackupOfOriginal(cluster, original);
    }

    private static void assertVerifiedBackupOfOriginal(SandboxCluster cluster, Secret original) {
        List<Secret> backups = cluster.adminClient()
                .secrets()
                .inNamespace("kube-system")
                .withLabel(SecretBackups.BACKUP_OF_LABEL, "konnectivity-certs")
                .list()
                .getItems();
        assertThat(backups)
                .as("a backup holding the original agent data")
                .anyMatch(backup -> backup.getData().equals(original.getData()));
    }

    private static List<Fault> faultKinds(ServedRequest call) {
        List<Fault> kinds = new ArrayList<>(List.of(
                Fault.any().status(500), Fault.any().status(403), Fault.any().timeout()));
        if (!call.method().equals("GET")) {
            kinds.add(Fault.any().status(409));
            kinds.add(Fault.any().status(500).afterServing());
        }
        return kinds;
    }

    /** Each distinct kind of call once: names that differ per run (pods, backups, CSRs) are generalised. */
    private static List<ServedRequest> distinctCalls(List<ServedRequest> served) {
        Map<String, ServedRequest> distinct = new LinkedHashMap<>();
        for (ServedRequest request : served) {
            distinct.putIfAbsent(request.method() + " " + generalise(request.path()), request);
        }
        return List.copyOf(distinct.values());
    }

    private static String generalise(String path) {
        return path.replaceAll("/pods/[^/]+", "/pods/*")
                .replaceAll("/secrets/konnectivity-certs-backup-[^/]+", "/secrets/backup-*")
                .replaceAll("/certificatesigningrequests/[^/]+", "/certificatesigningrequests/*");
    }

    private static String pattern(String path) {
        return java.util.regex.Pattern.quote(generalise(path))
                .replace("/pods/*", "\\E/pods/[^/]+\\Q")
                .replace("/secrets/backup-*", "\\E/secrets/konnectivity-certs-backup-[^/]+\\Q")
                .replace("/certificatesigningrequests/*", "\\E/certificatesigningrequests/[^/]+\\Q");
    }

    private static String describe(Fault fault) {
        if (fault.isTimeout()) {
            return "timeout";
        }
        return "HTTP " + fault.statusCode() + (fault.servesFirst() ? " after serving" : "");
    }

    private static synchronized void count(String kind) {
        SCENARIOS.merge(kind, 1, Integer::sum);
    }

    private static SandboxScenario scenario() {
        return SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(3))
                .build();
    }

    /** Stands for the process dying: an Error, which the rotation does not handle, so none of its cleanup runs. */
    private static final class ProcessDeath extends Error {
        ProcessDeath() {
            super("simulated process death");
        }
    }
}
