package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusReportTest {

    private static final String LABEL_VALUE = "\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE;
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(" + LABEL + "(?:," + LABEL + ")*)\\})? (-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");
    private static final Pattern LABEL_PAIR = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=" + LABEL_VALUE);

    private final String text = new PrometheusReport().render(ReportFixtures.fourClusters());

    @Test
    void writesOnlyHelpTypeAndSampleLinesOfTheTextFormat() {
        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            assertThat(SAMPLE.matcher(line).matches() || COMMENT.matcher(line).matches())
                    .as(line)
                    .isTrue();
        }
    }

    @Test
    void introducesEveryMetricWithHelpAndGaugeTypeBeforeItsSamples() {
        Set<String> typed = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            Matcher comment = COMMENT.matcher(line);
            if (comment.matches() && comment.group(1).equals("TYPE")) {
                assertThat(comment.group(3)).isEqualTo("gauge");
                typed.add(comment.group(2));
            }
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                assertThat(typed).as(line).contains(sample.group(1));
            }
        }
        assertThat(typed)
                .containsExactly(
                        "konnectivity_certificate_expiry_timestamp_seconds",
                        "konnectivity_certificate_days_left",
                        "konnectivity_certificate_status",
                        "konnectivity_cluster_check_success",
                        "konnectivity_cluster_skipped",
                        "konnectivity_tunnel_up",
                        "konnectivity_check_timestamp_seconds");
    }

    @Test
    void givesEachCertificateItsExpiryTimeAndDaysLeft() {
        String agent = "cluster=\"aks-test-neu\",role=\"AGENT_CLIENT\",namespace=\"kube-system\","
                + "secret=\"konnectivity-certs\",key=\"client.crt\",endpoint=\"\","
                + "location=\"kube-system/konnectivity-certs[client.crt]\",subject=\"CN=konnectivity-agent\"";
        long notAfter = ReportFixtures.notAfter(5).getEpochSecond();

        assertThat(text)
                .contains("konnectivity_certificate_expiry_timestamp_seconds{" + agent + "} " + notAfter + "\n")
                .contains("konnectivity_certificate_days_left{" + agent + "} 5\n")
                .contains("konnectivity_certificate_status{" + agent + ",status=\"CRITICAL\"} 1\n")
                .contains("konnectivity_certificate_status{" + agent + ",status=\"OK\"} 0\n");
    }

    @Test
    void setsTheStatusMetricToOneForExactlyOneStatusPerCertificate() {
        Map<String, Integer> onesPerCertificate = new LinkedHashMap<>();
        for (String line : samples("konnectivity_certificate_status")) {
            String certificate = line.replaceAll(",status=\"[A-Z]+\"} [01]$", "");
            onesPerCertificate.merge(certificate, line.endsWith(" 1") ? 1 : 0, Integer::sum);
        }

        assertThat(onesPerCertificate)
                .hasSize(8)
                .allSatisfy((certificate, ones) -> assertThat(ones).isEqualTo(1));
    }

    @Test
    void leavesOutTheExpiryOfACertificateThatCouldNotBeRead() {
        assertThat(samples("konnectivity_certificate_expiry_timestamp_seconds")).hasSize(7);
        assertThat(samples("konnectivity_certificate_days_left")).hasSize(7);
    }

    @Test
    void reportsClusterSuccessTunnelStateAndTheTimeOfTheCheck() {
        assertThat(samples("konnectivity_cluster_check_success"))
                .containsExactly(
                        "konnectivity_cluster_check_success{cluster=\"aks-prod-weu\"} 1",
                        "konnectivity_cluster_check_success{cluster=\"aks-test-neu\"} 1",
                        "konnectivity_cluster_check_success{cluster=\"aks-legacy-eus\"} 1",
                        "konnectivity_cluster_check_success{cluster=\"aks-private-weu\"} 0");
        assertThat(samples("konnectivity_tunnel_up"))
                .containsExactly(
                        "konnectivity_tunnel_up{cluster=\"aks-prod-weu\"} 1",
                        "konnectivity_tunnel_up{cluster=\"aks-test-neu\"} 1",
                        "konnectivity_tunnel_up{cluster=\"aks-legacy-eus\"} 0");
        assertThat(samples("konnectivity_check_timestamp_seconds"))
                .containsExactly("konnectivity_check_timestamp_seconds " + ReportFixtures.NOW.getEpochSecond());
    }

    @Test
    void marksASkippedClusterAsSkippedAndGivesItNoCheckSuccessSample() {
        String withStopped = new PrometheusReport().render(ReportFixtures.withStopped());

        assertThat(samples(withStopped, "konnectivity_cluster_check_success"))
                .hasSize(4)
                .noneMatch(line -> line.contains("aks-dev-weu"));
        assertThat(samples(withStopped, "konnectivity_cluster_skipped"))
                .containsExactly(
                        "konnectivity_cluster_skipped{cluster=\"aks-prod-weu\"} 0",
                        "konnectivity_cluster_skipped{cluster=\"aks-test-neu\"} 0",
                        "konnectivity_cluster_skipped{cluster=\"aks-legacy-eus\"} 0",
                        "konnectivity_cluster_skipped{cluster=\"aks-private-weu\"} 0",
                        "konnectivity_cluster_skipped{cluster=\"aks-dev-weu\"} 1");
        assertThat(samples(withStopped, "konnectivity_tunnel_up")).noneMatch(line -> line.contains("aks-dev-weu"));
        assertThat(withStopped).doesNotContain("status=\"SKIPPED\"");
    }

    @Test
    void labelsNodeCertificatesWithTheirRole() {
        String nodes = new PrometheusReport().render(ReportFixtures.nodeFiles());

        assertThat(samples(nodes, "konnectivity_certificate_days_left"))
                .anySatisfy(line ->
                        assertThat(line).contains("role=\"NODE_SERVING\"").endsWith(" 700"))
                .anySatisfy(line -> assertThat(line).contains("role=\"NODE_CA\""))
                .anySatisfy(line -> assertThat(line)
                        .contains("role=\"KUBELET_CLIENT\"")
                        .contains(
                                "location=\"aks-system-12345678-vmss/0:/var/lib/kubelet/pki/kubelet-client-current.pem\"")
                        .endsWith(" 300"));
    }

    @Test
    void usesTheSameLabelNamesForEverySampleOfAMetric() {
        Map<String, Set<List<String>>> labelSets = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                List<String> names = sample.group(2) == null
                        ? List.of()
                        : LABEL_PAIR
                                .matcher(sample.group(2))
                                .results()
                                .map(pair -> pair.group(1))
                                .toList();
                labelSets
                        .computeIfAbsent(sample.group(1), metric -> new LinkedHashSet<>())
                        .add(names);
            }
        }

        assertThat(labelSets)
                .allSatisfy((metric, sets) -> assertThat(sets).as(metric).hasSize(1));
    }

    @Test
    void escapesBackslashDoubleQuoteAndNewLineInLabelValues() {
        String hostile = new PrometheusReport()
                .render(ReportFixtures.hostile("team \"a\"", "CN=back\\slash,O=\"quoted\"\nsecond line"));

        assertThat(hostile).contains("cluster=\"team \\\"a\\\"\"");
        assertThat(hostile).contains("subject=\"CN=back\\\\slash,O=\\\"quoted\\\"\\nsecond line\"");
        for (String line : hostile.split("\n")) {
            assertThat(SAMPLE.matcher(line).matches() || COMMENT.matcher(line).matches())
                    .as(line)
                    .isTrue();
        }
    }

    @Test
    void holdsNoKeyMaterial() {
        assertThat(text).doesNotContain("PRIVATE KEY");
    }

    private List<String> samples(String metric) {
        return samples(text, metric);
    }

    private static List<String> samples(String text, String metric) {
        return text.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .toList();
    }
}
