package io.konnectivity.rotate;

import static io.konnectivity.rotate.RotationFixture.agentSecret;
import static io.konnectivity.rotate.RotationFixture.request;
import static io.konnectivity.rotate.RotationFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.check.CheckListener;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.FleetCheck;
import io.konnectivity.cluster.ClusterTargets;
import io.konnectivity.report.ReportFormat;
import io.konnectivity.report.ReportWriter;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collects every log line, report, file and error message of a check, a rotation and a run of failing rotations,
 * and searches them for the agent's private key in every form it could take.
 */
class NoKeyMaterialLeaksTest {

    @TempDir
    Path reports;

    @Test
    void noPrivateKeyReachesALogLineAReportAFileOrAnErrorMessage() throws Exception {
        List<String> collected = new CopyOnWriteArrayList<>();
        RotationListener listener = new RotationListener() {
            @Override
            public void stepFinished(String cluster, RotationStep step) {
                collected.add(step.toString());
            }

            @Override
            public void progress(String cluster, String message) {
                collected.add(message);
            }
        };
        CheckListener checkListener = new CheckListener() {
            @Override
            public void step(String cluster, String message, Duration took) {
                collected.add(message);
            }
        };
        List<String> keyForms;
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(2))
                .build())) {
            keyForms = keyForms(RotationFixture.decode(agentSecret(cluster), "client.key"));

            CheckReport check = new FleetCheck(Clock.systemUTC(), checkListener)
                    .run(
                            ClusterTargets.resolve(List.of(cluster.kubeconfig()), null, false),
                            CheckRequest.defaults().withScanNamespaces(List.of("kube-system")));
            RotationReport rotated = new Rotation(Clock.systemUTC(), listener).run(target(cluster), request());
            assertThat(rotated.result()).isInstanceOf(RotationResult.Rotated.class);
            List<RotationReport> failures = new ArrayList<>();
            cluster.faults()
                    .inject(io.konnectivity.sandbox.Fault.on("PUT", ".*/secrets/konnectivity-certs")
                            .status(500));
            failures.add(new Rotation(Clock.systemUTC(), listener).run(target(cluster), request()));
            cluster.faults().clear();
            failures.add(new Restoration(Clock.systemUTC(), listener).restore(target(cluster), request(), "no-such"));

            for (ReportFormat format : ReportFormat.values()) {
                collected.add(format.renderer().render(check));
                collected.add(format.renderer().render(rotated));
                failures.forEach(failure -> collected.add(format.renderer().render(failure)));
            }
            failures.forEach(failure -> collected.add(failure.result().summary()));
            new ReportWriter().write(check, reports);
            new ReportWriter().write(rotated, reports);
            try (Stream<Path> files = Files.list(reports)) {
                for (Path file : files.toList()) {
                    collected.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(collected).hasSizeGreaterThan(20);
        for (String text : collected) {
            assertThat(text).doesNotContain("PRIVATE KEY");
            for (String form : keyForms) {
                assertThat(text).doesNotContain(form);
            }
        }
    }

    /** The key as PEM body lines, as base64 of the PEM (Secret data), and as base64 of its DER. */
    private static List<String> keyForms(byte[] pem) throws Exception {
        String text = new String(pem, StandardCharsets.US_ASCII);
        List<String> forms = new ArrayList<>();
        text.lines()
                .filter(line -> !line.startsWith("-----") && line.length() > 40)
                .limit(3)
                .forEach(forms::add);
        forms.add(Base64.getEncoder().encodeToString(pem).substring(0, 60));
        byte[] der =
                io.konnectivity.cert.PrivateKeyDecoder.decode(pem, "client.key").getEncoded();
        forms.add(Base64.getEncoder().encodeToString(der).substring(0, 60));
        return forms;
    }
}
