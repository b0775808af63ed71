package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Pattern MARKER = Pattern.compile("<circle class=\"marker mk-(\\w+)\"");

    private final CheckReport report = ReportFixtures.fourClusters();
    private final String html = new HtmlReport().render(report);

    @Test
    void loadsNothingFromAnywhereAndShowsAddressesOnlyAsTheClustersGaveThem() {
        String withoutClusterText = html;
        for (String text : textFromTheClusters(report)) {
            withoutClusterText = withoutClusterText.replace(HtmlReport.escape(text), "");
        }

        assertThat(withoutClusterText).doesNotContain("http://", "https://");
        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("href=")
                .doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("@font-face");
    }

    @Test
    void opensWithABannerInTheColourOfTheOverallStatus() {
        assertThat(html).contains("<header class=\"banner bg-error\">\n<h1>Konnectivity certificates: ERROR</h1>");
        assertThat(html)
                .contains("4 clusters (1 not checked), 8 certificates: 4 OK, 1 WARNING, 1 CRITICAL, 1 EXPIRED,"
                        + " 1 INVALID");
    }

    @Test
    void namesTheCertificateThatExpiresFirstWithItsClusterPlaceDateAndDaysLeft() {
        String glance = between(html, "<h2>Expires first</h2>", "</div>");

        assertThat(glance)
                .contains("expired 2 days ago")
                .contains("Konnectivity agent client certificate of <strong>aks-legacy-eus</strong>")
                .contains("<code>kube-system/konnectivity-certs[client.crt]</code>")
                .contains("expires 2025-02-26 12:00 UTC");
    }

    @Test
    void countsCertificatesPerStatusAndTheClustersNotChecked() {
        String counts = between(html, "<ul class=\"counts\">", "</ul>");

        assertThat(counts)
                .contains("<span class=\"n fg-ok\">4</span><span class=\"pill bg-ok\">OK</span>")
                .contains("<span class=\"n fg-expired\">1</span><span class=\"pill bg-expired\">EXPIRED</span>")
                .contains("<span class=\"n fg-error\">1</span><span class=\"pill bg-error\">NOT CHECKED</span>");
    }

    @Test
    void drawsOneTimelineMarkerPerCertificateWithAReadableExpiryInTheColourOfItsStatus() {
        assertThat(html).contains("<svg class=\"timeline\"");

        assertThat(markerStatuses(html)).containsExactly("expired", "critical", "warning", "ok", "ok", "ok", "ok");
    }

    @Test
    void marksTheWarningAndCriticalThresholdsOnTheTimeline() {
        String svg = between(html, "<svg", "</svg>");

        assertThat(svg)
                .contains("<line class=\"threshold threshold-warning\"")
                .contains(">warning 30 d</text>")
                .contains("<line class=\"threshold threshold-critical\"")
                .contains(">critical 7 d</text>");
    }

    @Test
    void putsExpiredCertificatesLeftOfNowAndAThirtyYearCaInAZoneAtTheRightEnd() {
        String svg = between(html, "<svg", "</svg>");

        assertThat(svg).contains(">expired</text>").contains(">later</text>").contains(">to 2055-02-22</text>");
        List<Double> xs = markerXs(svg);
        assertThat(xs.get(0)).isLessThan(100);
        assertThat(xs.get(xs.size() - 1)).isGreaterThan(900);
    }

    @Test
    void labelsTheSoonestCertificatesOnTheTimeline() {
        String svg = between(html, "<svg", "</svg>");

        assertThat(svg)
                .contains(">aks-legacy-eus · Konnectivity agent client certificate · expired 2 days ago</text>")
                .contains(">aks-test-neu · Konnectivity agent client certificate · 5 days left</text>");
    }

    @Test
    void listsEveryCertificateSoonestExpiryFirst() {
        String table = between(html, "<h2>Certificates, soonest expiry first</h2>", "</table>");

        assertThat(table.split("<tr class=\"row-", -1)).hasSize(9);
        assertThat(table.indexOf("row-invalid"))
                .isLessThan(table.indexOf("row-expired"))
                .isLessThan(table.indexOf("row-critical"));
        assertThat(table.indexOf("row-critical")).isLessThan(table.indexOf("row-warning"));
        assertThat(table).contains("tls.crt holds no PEM certificate");
    }

    @Test
    void showsFindingsWithAdviceAndTheClustersThatCouldNotBeCheckedWithTheirError() {
        String findings = between(html, "<h2>Findings</h2>", "</section>");
        String notChecked = between(html, "<h2>Clusters that could not be checked</h2>", "</section>");

        assertThat(findings.indexOf("aks-legacy-eus")).isLessThan(findings.indexOf("aks-test-neu"));
        assertThat(findings)
                .contains("<strong>The tunnel is down because the agent certificate expired 3 days ago.</strong>")
                .contains("<p class=\"advice\">Have the API server sign a new agent certificate");
        assertThat(notChecked).contains("aks-private-weu").contains("Timed out after 30 s connecting to");
    }

    @Test
    void showsASkippedClusterInGreyWithItsReasonApartFromThoseNotChecked() {
        String withStopped = new HtmlReport().render(ReportFixtures.withStopped());
        String counts = between(withStopped, "<ul class=\"counts\">", "</ul>");
        String skipped = between(withStopped, "<h2>Clusters skipped</h2>", "</section>");
        String clusters = between(withStopped, "<h2>Clusters</h2>", "</section>");

        assertThat(withStopped)
                .contains("5 clusters (1 not checked, 1 skipped), 8 certificates")
                .contains(".bg-skipped{background:#8c959f;color:#1f2328}")
                .contains("tr.row-skipped td{color:#57606a}");
        assertThat(counts)
                .contains("<span class=\"n fg-skipped\">1</span><span class=\"pill bg-skipped\">SKIPPED</span>");
        assertThat(skipped)
                .contains("<tr class=\"row-skipped\"><td class=\"nowrap\">aks-dev-weu</td>")
                .contains(HtmlReport.escape(ReportFixtures.STOPPED_REASON));
        assertThat(clusters)
                .contains("<span class=\"pill bg-skipped\">SKIPPED</span></td><td colspan=\"3\" class=\"muted\">"
                        + "skipped</td>");
        assertThat(between(withStopped, "<h2>Clusters that could not be checked</h2>", "</section>"))
                .doesNotContain("aks-dev-weu");
    }

    @Test
    void keepsTheBannerGreenWhenTheOnlyOtherClusterWasSkipped() {
        assertThat(new HtmlReport().render(ReportFixtures.healthyAndStopped()))
                .contains("<header class=\"banner bg-ok\">\n<h1>Konnectivity certificates: OK</h1>");
    }

    @Test
    void namesNodeCertificatesByTheirRole() {
        String table = between(
                new HtmlReport().render(ReportFixtures.nodeFiles()),
                "<h2>Certificates, soonest expiry first</h2>",
                "</table>");

        assertThat(table)
                .contains("<td>kubelet client certificate</td>")
                .contains("<td>node API server certificate</td>")
                .contains("<td>node cluster CA</td>")
                .doesNotContain("row-invalid");
    }

    @Test
    void escapesMarkupInEveryStringItShows() {
        String hostile =
                new HtmlReport().render(ReportFixtures.hostile("team<b>&\"x\"", "CN=<script>alert('owned')</script>"));

        assertThat(hostile).doesNotContain("<script", "<b>", "'owned'");
        assertThat(hostile)
                .contains("CN=&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
                .contains("team&lt;b&gt;&amp;&quot;x&quot;");
    }

    @Test
    void staysReadableWithAHundredClustersOfFiveCertificates() {
        String big = new HtmlReport().render(ReportFixtures.many(100));
        String svg = between(big, "<svg", "</svg>");

        assertThat(markerStatuses(big)).hasSize(500);
        Matcher viewBox = Pattern.compile("viewBox=\"0 0 1000 (\\d+)\"").matcher(svg);
        assertThat(viewBox.find()).isTrue();
        assertThat(Integer.parseInt(viewBox.group(1))).isLessThanOrEqualTo(500);
        assertThat(svg.split("<line class=\"leader\"", -1)).hasSize(6);
    }

    @Test
    void isTheSameForTheSameReportAndHoldsNoKeyMaterial() {
        assertThat(new HtmlReport().render(ReportFixtures.fourClusters())).isEqualTo(html);
        assertThat(html).doesNotContain("PRIVATE KEY");
    }

    /** Server URLs, endpoint locations, tunnel errors: text that may carry an address, shown as text. */
    private static List<String> textFromTheClusters(CheckReport report) {
        List<String> texts = new ArrayList<>();
        for (ClusterResult cluster : report.clusters()) {
            if (cluster instanceof ClusterResult.NotChecked notChecked) {
                texts.add(notChecked.error());
            }
            if (cluster instanceof ClusterResult.Checked checked) {
                texts.add(TunnelSummary.of(checked.tunnel()).describe());
                checked.certificates()
                        .forEach(certificate -> texts.add(certificate.location().describe()));
            }
            texts.add(cluster.server());
        }
        return texts;
    }

    private static List<String> markerStatuses(String html) {
        return MARKER.matcher(html).results().map(match -> match.group(1)).toList();
    }

    private static List<Double> markerXs(String svg) {
        return Pattern.compile("<circle class=\"marker [^\"]*\" cx=\"([0-9.]+)\"")
                .matcher(svg)
                .results()
                .map(match -> Double.parseDouble(match.group(1)))
                .toList();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("position of " + start).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as("position of " + end + " after " + start).isNotNegative();
        return text.substring(from, to);
    }
}
