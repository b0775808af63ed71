package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RotationPrometheusReportTest {

    private static final String LABEL_VALUE = "\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE;
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(" + LABEL + "(?:," + LABEL + ")*)\\})? (-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");

    private static final String LABELS = "{cluster=\"aks-test-neu\",mode=\"CSR\"}";
    private static final String AGENT = "cluster=\"aks-test-neu\",what=\"kube-system/konnectivity-certs[client.crt]\"";

    @Test
    void givesSuccessResultDurationsExpiriesBeforeAndAfterAndTheTime() {
        assertThat(new PrometheusReport().render(RotationFixtures.rotated()))
                .isEqualTo("# HELP konnectivity_rotation_success 1 when the rotation renewed the certificate or found"
                        + " nothing to do, 0 when it was rolled back or failed.\n"
                        + "# TYPE konnectivity_rotation_success gauge\n"
                        + "konnectivity_rotation_success" + LABELS + " 1\n"
                        + "# HELP konnectivity_rotation_result 1 for how the rotation ended, 0 for the other results.\n"
                        + "# TYPE konnectivity_rotation_result gauge\n"
                        + result("ROTATED", 1) + result("UNCHANGED", 0) + result("ROLLED_BACK", 0)
                        + result("FAILED", 0)
                        + "# HELP konnectivity_rotation_duration_seconds How long the rotation took.\n"
                        + "# TYPE konnectivity_rotation_duration_seconds gauge\n"
                        + "konnectivity_rotation_duration_seconds" + LABELS + " 42.500\n"
                        + "# HELP konnectivity_rotation_step_duration_seconds How long each step of the rotation"
                        + " took.\n"
                        + "# TYPE konnectivity_rotation_step_duration_seconds gauge\n"
                        + step("preflight", "DONE", "0.850") + step("lock", "DONE", "0.120")
                        + step("backup", "DONE", "0.310") + step("csr", "DONE", "0.095")
                        + step("approval", "DONE", "0.060") + step("issued", "DONE", "2.400")
                        + step("update", "DONE", "0.140") + step("restart", "DONE", "31.200")
                        + step("verify", "DONE", "6.800") + step("cleanup", "DONE", "0.180")
                        + "# HELP konnectivity_certificate_expiry_timestamp_seconds When the certificate expires"
                        + " (notAfter).\n"
                        + "# TYPE konnectivity_certificate_expiry_timestamp_seconds gauge\n"
                        + "konnectivity_certificate_expiry_timestamp_seconds{" + AGENT + ",phase=\"before\"}"
                        + " 1741262400\n"
                        + "konnectivity_certificate_expiry_timestamp_seconds{" + AGENT + ",phase=\"after\"}"
                        + " 1772798400\n"
                        + "# HELP konnectivity_rotation_timestamp_seconds When the rotation started.\n"
                        + "# TYPE konnectivity_rotation_timestamp_seconds gauge\n"
                        + "konnectivity_rotation_timestamp_seconds" + LABELS + " 1740808800\n");
        assertThat(RotationFixtures.BEFORE.notAfter().getEpochSecond()).isEqualTo(1741262400L);
        assertThat(RotationFixtures.AFTER.notAfter().getEpochSecond()).isEqualTo(1772798400L);
        assertThat(RotationFixtures.NOW.getEpochSecond()).isEqualTo(1740808800L);
    }

    @Test
    void sharesTheHelpTextOfTheCheckReportsExpiryMetricSoThatOneCollectorReadsBothFiles() {
        String help = "# HELP konnectivity_certificate_expiry_timestamp_seconds ";
        String check = new PrometheusReport().render(ReportFixtures.fourClusters());
        String rotation = new PrometheusReport().render(RotationFixtures.rotated());

        assertThat(line(rotation, help)).isEqualTo(line(check, help));
    }

    @Test
    void leavesOutThePlannedStepsOfADryRunAndHasNoExpiryAfter() {
        String dryRun = new PrometheusReport().render(RotationFixtures.dryRun());

        assertThat(samples(dryRun, "konnectivity_rotation_step_duration_seconds"))
                .containsExactly(step("preflight", "DONE", "0.850").strip());
        assertThat(samples(dryRun, "konnectivity_certificate_expiry_timestamp_seconds"))
                .containsExactly("konnectivity_certificate_expiry_timestamp_seconds{" + AGENT + ",phase=\"before\"}"
                        + " 1741262400");
        assertThat(samples(dryRun, "konnectivity_rotation_success"))
                .containsExactly("konnectivity_rotation_success" + LABELS + " 1");
        assertThat(samples(dryRun, "konnectivity_rotation_result"))
                .contains("konnectivity_rotation_result{cluster=\"aks-test-neu\",mode=\"CSR\",result=\"UNCHANGED\"} 1");
    }

    @Test
    void failsARolledBackRotationAndGivesNoExpiryForTheCertificateThatWasRolledBack() {
        String rolledBack = new PrometheusReport().render(RotationFixtures.rolledBack());

        assertThat(samples(rolledBack, "konnectivity_rotation_success"))
                .containsExactly("konnectivity_rotation_success" + LABELS + " 0");
        assertThat(rolledBack)
                .contains(result("ROLLED_BACK", 1))
                .contains(step("verify", "FAILED", "60.000"))
                .contains(step("rollback", "DONE", "35.000"))
                .doesNotContain("phase=\"after\"");
    }

    @Test
    void givesAFailedRotationWithoutStepsOrCertificatesOnlyItsResultDurationAndTime() {
        String failed = new PrometheusReport().render(RotationFixtures.unreachable());

        assertThat(failed.lines().filter(line -> !line.startsWith("#")))
                .containsExactly(
                        "konnectivity_rotation_success" + LABELS + " 0",
                        result("ROTATED", 0).strip(),
                        result("UNCHANGED", 0).strip(),
                        result("ROLLED_BACK", 0).strip(),
                        result("FAILED", 1).strip(),
                        "konnectivity_rotation_duration_seconds" + LABELS + " 30.000",
                        "konnectivity_rotation_timestamp_seconds" + LABELS + " 1740808800");
    }

    @Test
    void writesOnlyValidLinesAndEscapesLabelValues() {
        String hostile = new PrometheusReport().render(RotationFixtures.hostile("team \"a\"", "x\\y\"z\"\nnext"));

        assertThat(hostile)
                .contains("konnectivity_rotation_success{cluster=\"team \\\"a\\\"\",mode=\"CSR\"} 0\n")
                .contains(",step=\"x\\\\y\\\"z\\\"\\nnext\",outcome=\"FAILED\"} 1.000\n")
                .contains(",what=\"x\\\\y\\\"z\\\"\\nnext\",phase=\"before\"} ");
        for (String report : List.of(
                hostile,
                new PrometheusReport().render(RotationFixtures.rotated()),
                new PrometheusReport().render(RotationFixtures.dryRun()),
                new PrometheusReport().render(RotationFixtures.rolledBack()),
                new PrometheusReport().render(RotationFixtures.failedBeforeAnyChange()))) {
            for (String line : report.split("\n")) {
                assertThat(SAMPLE.matcher(line).matches()
                                || COMMENT.matcher(line).matches())
                        .as(line)
                        .isTrue();
            }
        }
    }

    private static String result(String result, int value) {
        return "konnectivity_rotation_result{cluster=\"aks-test-neu\",mode=\"CSR\",result=\"" + result + "\"} " + value
                + "\n";
    }

    private static String step(String step, String outcome, String seconds) {
        return "konnectivity_rotation_step_duration_seconds{cluster=\"aks-test-neu\",step=\"" + step + "\",outcome=\""
                + outcome + "\"} " + seconds + "\n";
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static List<String> samples(String text, String metric) {
        return text.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .toList();
    }
}
