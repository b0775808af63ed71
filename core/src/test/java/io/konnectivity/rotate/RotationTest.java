package io.konnectivity.rotate;

import static io.konnectivity.rotate.RotationFixture.agentSecret;
import static io.konnectivity.rotate.RotationFixture.assertConsistent;
import static io.konnectivity.rotate.RotationFixture.certificate;
import static io.konnectivity.rotate.RotationFixture.request;
import static io.konnectivity.rotate.RotationFixture.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.konnectivity.cert.CertificateReader;
import io.konnectivity.cluster.TunnelState;
import io.konnectivity.sandbox.Fault;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RotationTest {

    private final List<RotationStep> seen = new CopyOnWriteArrayList<>();
    private final Rotation rotation = new Rotation(Clock.systemUTC(), (cluster, step) -> seen.add(step));

    @Test
    void expiredCertificateIsRenewedInPlaceAndTheTunnelComesBack() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(-2)))) {
            Secret before = agentSecret(cluster);
            assertThat(RotationFixture.tunnel(cluster)).isInstanceOf(TunnelState.Down.class);

            RotationReport report = rotation.run(target(cluster), request());

            assertThat(report.result()).as(report.result().summary()).isInstanceOf(RotationResult.Rotated.class);
            assertThat(report.steps())
                    .extracting(RotationStep::name)
                    .containsExactly(
                            "preflight",
                            "lock",
                            "backup",
                            "csr",
                            "approval",
                            "issued",
                            "update",
                            "restart",
                            "verify",
                            "cleanup");
            Secret after = agentSecret(cluster);
            assertConsistent(cluster, before);
            assertThat(after.getData().get("client.crt"))
                    .isNotEqualTo(before.getData().get("client.crt"));
            assertThat(after.getMetadata().getUid())
                    .isEqualTo(before.getMetadata().getUid());
            assertThat(after.getMetadata().getAnnotations())
                    .containsEntry(
                            "konnectivity.io/previous-fingerprint", CertificateReader.fingerprint(certificate(before)))
                    .containsKey("konnectivity.io/rotated-at");
            assertThat(certificate(after).getSubjectX500Principal())
                    .isEqualTo(certificate(before).getSubjectX500Principal());
            assertThat(certificate(after).getNotAfter())
                    .isAfter(certificate(before).getNotAfter());
            assertThat(report.certificates().get(0).after().notAfter())
                    .isEqualTo(certificate(after).getNotAfter().toInstant());
            Secret backup = cluster.adminClient()
                    .secrets()
                    .inNamespace("kube-system")
                    .withName(report.backup())
                    .get();
            assertThat(backup.getData()).isEqualTo(before.getData());
            assertThat(backup.getMetadata().getLabels())
                    .containsEntry(SecretBackups.BACKUP_OF_LABEL, "konnectivity-certs");
            assertThat(cluster.adminClient()
                            .certificates()
                            .v1()
                            .certificateSigningRequests()
                            .withName(report.csr())
                            .get())
                    .isNull();
            assertThat(cluster.adminClient()
                            .leases()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs-rotation")
                            .get())
                    .isNull();
            assertThat(RotationFixture.tunnel(cluster)).isInstanceOf(TunnelState.Up.class);
            assertThat(seen).hasSameSizeAs(report.steps());
        }
    }

    @Test
    void dryRunPlansEveryStepAndChangesNothing() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(5)))) {
            Secret before = agentSecret(cluster);

            RotationReport report = rotation.run(target(cluster), request().withDryRun(true));

            assertThat(report.result()).isInstanceOf(RotationResult.Unchanged.class);
            assertThat(report.steps())
                    .filteredOn(step -> step.outcome() == RotationStep.Outcome.PLANNED)
                    .extracting(RotationStep::name)
                    .containsExactly(
                            "lock", "backup", "csr", "approval", "issued", "update", "restart", "verify", "cleanup");
            assertThat(agentSecret(cluster).getMetadata().getResourceVersion())
                    .isEqualTo(before.getMetadata().getResourceVersion());
            assertThat(cluster.adminClient()
                            .secrets()
                            .inNamespace("kube-system")
                            .withLabel(SecretBackups.BACKUP_OF_LABEL)
                            .list()
                            .getItems())
                    .isEmpty();
            assertThat(cluster.adminClient()
                            .certificates()
                            .v1()
                            .certificateSigningRequests()
                            .list()
                            .getItems())
                    .isEmpty();
            assertThat(report.exitCode()).isZero();
        }
    }

    @Test
    void nightlyRunRotatesOnlyWhenDue() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(90)))) {
            RotationReport notDue = rotation.run(target(cluster), request().withIfExpiresWithinDays(30));

            assertThat(notDue.result()).isInstanceOf(RotationResult.Unchanged.class);
            assertThat(notDue.result().summary()).startsWith("Not due: kube-system/konnectivity-certs has 89 days");

            RotationReport due = rotation.run(target(cluster), request().withIfExpiresWithinDays(120));
            assertThat(due.result()).isInstanceOf(RotationResult.Rotated.class);
        }
    }

    @Test
    void requestedValidityIsHonoured() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(3)))) {
            RotationReport report = rotation.run(target(cluster), request().withValidity(Duration.ofDays(30)));

            assertThat(report.result()).isInstanceOf(RotationResult.Rotated.class);
            long days = report.certificates().get(0).after().daysLeft(java.time.Instant.now());
            assertThat(days).isBetween(29L, 30L);
        }
    }

    @Test
    void rolloutRestartStrategyAlsoWorks() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(3)))) {
            RotationReport report =
                    rotation.run(target(cluster), request().withRestart(RestartStrategy.ROLLOUT_RESTART));

            assertThat(report.result()).as(report.result().summary()).isInstanceOf(RotationResult.Rotated.class);
            assertThat(report.steps().get(7).detail()).startsWith("restarted the rollout");
        }
    }

    @Test
    void lockHeldByAnotherRotationFailsFastNamingTheHolder() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(3)))) {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            cluster.adminClient()
                    .leases()
                    .inNamespace("kube-system")
                    .resource(new LeaseBuilder()
                            .withNewMetadata()
                            .withName("konnectivity-certs-rotation")
                            .withNamespace("kube-system")
                            .endMetadata()
                            .withNewSpec()
                            .withHolderIdentity("alice@build-42")
                            .withLeaseDurationSeconds(300)
                            .withAcquireTime(now)
                            .withRenewTime(now)
                            .endSpec()
                            .build())
                    .create();
            Secret before = agentSecret(cluster);

            RotationReport report = rotation.run(target(cluster), request());

            assertThat(report.result()).isInstanceOf(RotationResult.Failed.class);
            assertThat(report.result().summary()).contains("alice@build-42");
            assertThat(agentSecret(cluster).getData()).isEqualTo(before.getData());
        }
    }

    @Test
    void lockWhoseHolderDiedIsTakenOverOnceExpired() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(3)))) {
            ZonedDateTime longAgo = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10);
            cluster.adminClient()
                    .leases()
                    .inNamespace("kube-system")
                    .resource(new LeaseBuilder()
                            .withNewMetadata()
                            .withName("konnectivity-certs-rotation")
                            .withNamespace("kube-system")
                            .endMetadata()
                            .withNewSpec()
                            .withHolderIdentity("crashed@build-41")
                            .withLeaseDurationSeconds(60)
                            .withAcquireTime(longAgo)
                            .withRenewTime(longAgo)
                            .endSpec()
                            .build())
                    .create();

            RotationReport report = rotation.run(target(cluster), request());

            assertThat(report.result()).as(report.result().summary()).isInstanceOf(RotationResult.Rotated.class);
        }
    }

    @Test
    void tokenAuthenticatedAgentHasNothingToRotate() throws Exception {
        SandboxScenario scenario = SandboxScenario.builder()
                .agentAuthentication(SandboxScenario.AgentAuth.SERVICE_ACCOUNT_TOKEN)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            RotationReport report = rotation.run(target(cluster), request());

            assertThat(report.result()).isInstanceOf(RotationResult.Failed.class);
            assertThat(report.result().summary())
                    .contains("service-account token")
                    .contains("nothing to rotate");
            assertThat(report.exitCode()).isEqualTo(3);
        }
    }

    @Test
    void aLockThatCannotRecordTheUpdateDoesNotHideIt_theRotationGoesOnToRestartAndProve() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(-2)))) {
            Secret before = agentSecret(cluster);
            // Lease writes: backup, CSR, about to update, updated. The fourth and every later one are refused.
            cluster.faults()
                    .inject(Fault.on("PUT", ".*/leases/konnectivity-certs-rotation")
                            .fromNth(4)
                            .status(403));

            RotationReport report = rotation.run(target(cluster), request());

            assertThat(report.result()).as(report.result().summary()).isInstanceOf(RotationResult.Rotated.class);
            assertThat(report.result().summary()).doesNotContain("was not changed");
            assertThat(report.steps())
                    .filteredOn(step -> step.name().equals("update"))
                    .singleElement()
                    .satisfies(step -> assertThat(step.detail()).contains("read back after an error"));
            assertThat(report.steps()).extracting(RotationStep::name).contains("restart", "verify");
            assertConsistent(cluster, before);
            assertThat(agentSecret(cluster).getData().get("client.crt"))
                    .isNotEqualTo(before.getData().get("client.crt"));
            assertThat(RotationFixture.tunnel(cluster)).isInstanceOf(TunnelState.Up.class);
        }
    }

    @Test
    void aSecretWriteWhoseAnswerIsLostIsReadBackAndTheRotationGoesOn() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(-2)))) {
            Secret before = agentSecret(cluster);
            cluster.faults()
                    .inject(Fault.on("PUT", ".*/secrets/konnectivity-certs")
                            .onlyNth(1)
                            .status(500)
                            .afterServing());

            RotationReport report = rotation.run(target(cluster), request());

            assertThat(report.result()).as(report.result().summary()).isInstanceOf(RotationResult.Rotated.class);
            assertThat(report.steps())
                    .filteredOn(step -> step.name().equals("update"))
                    .singleElement()
                    .extracting(RotationStep::outcome)
                    .isEqualTo(RotationStep.Outcome.DONE);
            assertConsistent(cluster, before);
            assertThat(agentSecret(cluster).getData().get("client.crt"))
                    .isNotEqualTo(before.getData().get("client.crt"));
            assertThat(cluster.adminClient()
                            .leases()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs-rotation")
                            .get())
                    .isNull();
        }
    }

    @Test
    void aPassingServerErrorWhileWaitingForTheCertificateDoesNotEndTheRotation() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(3)))) {
            // The first read is the approval's; the second, the first of the wait for the certificate.
            cluster.faults()
                    .inject(Fault.on("GET", ".*/certificatesigningrequests/[^/]+")
                            .onlyNth(2)
                            .status(503));

            RotationReport report = rotation.run(target(cluster), request());

            assertThat(report.result()).as(report.result().summary()).isInstanceOf(RotationResult.Rotated.class);
            assertThat(cluster.faults().requests())
                    .filteredOn(served -> served.toString().contains("certificatesigningrequests/")
                            && served.toString().startsWith("GET"))
                    .hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aRunNeverReleasesALockAnotherRunTookOverEvenUnderTheSameName() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(expiring(Duration.ofDays(5)))) {
            var client = cluster.adminClient();
            Instant start = Instant.now();
            AtomicReference<Instant> firstNow = new AtomicReference<>(start);
            RotationLock first = RotationLock.acquire(
                    client, "kube-system", "konnectivity-certs", "ops@host", Duration.ofSeconds(30), new Clock() {
                        @Override
                        public ZoneId getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(ZoneId zone) {
                            return this;
                        }

                        @Override
                        public Instant instant() {
                            return firstNow.get();
                        }
                    });
            first.close(); // its renewals stop, as when its process hangs
            RotationLock second = RotationLock.acquire(
                    client,
                    "kube-system",
                    "konnectivity-certs",
                    "ops@host",
                    Duration.ofSeconds(30),
                    Clock.fixed(start.plusSeconds(31), ZoneOffset.UTC));
            firstNow.set(start.plusSeconds(31));
            try {
                first.release();

                var lease = client.leases()
                        .inNamespace("kube-system")
                        .withName("konnectivity-certs-rotation")
                        .get();
                assertThat(lease).as("the second run's lease").isNotNull();
                assertThat(lease.getSpec().getHolderIdentity()).startsWith("ops@host (run ");
                assertThatThrownBy(first::ensureHeld)
                        .isInstanceOf(RotationException.class)
                        .hasMessageContaining("could not renew its lock");
                second.ensureHeld();
            } finally {
                second.release();
            }
            assertThat(client.leases()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs-rotation")
                            .get())
                    .as("released by its holder")
                    .isNull();
        }
    }

    static SandboxScenario expiring(Duration in) {
        return SandboxScenario.builder().agentCertificateExpiresIn(in).build();
    }
}
