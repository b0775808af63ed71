package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RotationHtmlReportTest {

    private final String html = new HtmlReport().render(RotationFixtures.rotated());

    @Test
    void loadsNothingFromAnywhereAndShowsAddressesOnlyAsTheRotationGaveThem() {
        for (String page : List.of(
                html,
                new HtmlReport().render(RotationFixtures.dryRun()),
                new HtmlReport().render(RotationFixtures.rolledBack()),
                new HtmlReport().render(RotationFixtures.failedBeforeAnyChange()))) {
            assertThat(page.replace(RotationFixtures.SERVER, ""))
                    .startsWith("<!DOCTYPE html>\n")
                    .endsWith("</html>\n")
                    .doesNotContain("http://", "https://")
                    .doesNotContainIgnoringCase("<script")
                    .doesNotContainIgnoringCase("<link")
                    .doesNotContainIgnoringCase("<img")
                    .doesNotContainIgnoringCase("src=")
                    .doesNotContainIgnoringCase("href=")
                    .doesNotContainIgnoringCase("url(")
                    .doesNotContainIgnoringCase("@import")
                    .doesNotContainIgnoringCase("@font-face");
        }
    }

    @Test
    void opensWithABannerInTheColourOfTheResult() {
        assertThat(html)
                .contains("<title>Konnectivity rotation of aks-test-neu: ROTATED (2025-03-01 06:00 UTC)</title>")
                .contains("<header class=\"banner bg-rotated\">\n<h1>Konnectivity rotation of aks-test-neu:"
                        + " ROTATED</h1>\n<p>Renewed kube-system/konnectivity-certs[client.crt]:"
                        + " 2026-03-06T12:00:00Z; the tunnel works.</p>\n</header>")
                .contains(".bg-rotated{background:#1a7f37;color:#fff}");
        assertThat(new HtmlReport().render(RotationFixtures.dryRun()))
                .contains("<header class=\"banner bg-unchanged\">\n<h1>Konnectivity rotation of aks-test-neu:"
                        + " UNCHANGED (dry run)</h1>");
        assertThat(new HtmlReport().render(RotationFixtures.rolledBack()))
                .contains("<header class=\"banner bg-rolled-back\">")
                .contains(".bg-rolled-back{background:#9a6700;color:#fff}");
        assertThat(new HtmlReport().render(RotationFixtures.failedBeforeAnyChange()))
                .contains("<header class=\"banner bg-failed\">")
                .contains(".bg-failed{background:#cf222e;color:#fff}");
    }

    @Test
    void namesTheClusterModeTimesExitCodeBackupAndCsr() {
        assertThat(between(html, "<dl class=\"facts\">", "</dl>"))
                .isEqualTo("<dl class=\"facts\">\n"
                        + "<dt>Cluster</dt><dd>aks-test-neu</dd>\n"
                        + "<dt>Server</dt><dd>" + RotationFixtures.SERVER + "</dd>\n"
                        + "<dt>Mode</dt><dd>CSR</dd>\n"
                        + "<dt>Started</dt><dd>2025-03-01 06:00 UTC</dd>\n"
                        + "<dt>Took</dt><dd>42.5 s</dd>\n"
                        + "<dt>Exit code</dt><dd>0</dd>\n"
                        + "<dt>Backup Secret</dt><dd><code>konnectivity-certs-backup-20250301-060001</code></dd>\n"
                        + "<dt>CertificateSigningRequest</dt><dd><code>konnectivity-certs-20250301060003-b4k9z</code>"
                        + "</dd>\n");
        assertThat(new HtmlReport().render(RotationFixtures.dryRun()))
                .contains("<dt>Backup Secret</dt><dd><span class=\"muted\">none</span></dd>");
    }

    @Test
    void comparesEachCertificateBeforeAndAfterHighlightingWhatChanged() {
        assertThat(between(html, "<h2>Certificates</h2>", "</section>"))
                .isEqualTo("<h2>Certificates</h2>\n"
                        + "<h3><code>kube-system/konnectivity-certs[client.crt]</code> <span class=\"muted\">expires 365 days later"
                        + "</span></h3>\n"
                        + "<div class=\"scroll\"><table class=\"change\">\n"
                        + "<thead><tr><th></th><th>Before</th><th>After</th></tr></thead>\n"
                        + "<tbody>\n"
                        + "<tr><th scope=\"row\">Subject</th><td class=\"long\">CN=konnectivity-agent</td>"
                        + "<td class=\"long\">CN=konnectivity-agent</td></tr>\n"
                        + "<tr><th scope=\"row\">Serial</th><td class=\"long\">1f2e3d4c</td>"
                        + "<td class=\"long changed\">7a8b9c0d1e</td></tr>\n"
                        + "<tr><th scope=\"row\">SHA-256 fingerprint</th><td class=\"long\">AB:CD:EF:01</td>"
                        + "<td class=\"long changed\">12:34:56:78</td></tr>\n"
                        + "<tr><th scope=\"row\">Not after</th><td class=\"long\">2025-03-06 12:00 UTC</td>"
                        + "<td class=\"long changed\">2026-03-06 12:00 UTC</td></tr>\n"
                        + "<tr><th scope=\"row\">Days added</th><td colspan=\"2\">+365 days</td></tr>\n"
                        + "</tbody>\n"
                        + "</table></div>\n");
    }

    @Test
    void headsTheRolledBackCertificateAsSuchAndSaysTheOldOneIsInUse() {
        String rolledBack = new HtmlReport().render(RotationFixtures.rolledBack());

        assertThat(rolledBack)
                .contains("<thead><tr><th></th><th>Before</th><th>Issued, rolled back</th></tr></thead>")
                .contains("<p class=\"note\">The new certificate was rolled back: the certificate before is in use"
                        + " again.</p>")
                .doesNotContain("changed\">");
    }

    @Test
    void showsTheNotChangedCertificateOfADryRunAndTheNoCertificateOfAnEarlyFailure() {
        assertThat(new HtmlReport().render(RotationFixtures.dryRun()))
                .contains("<td class=\"long muted\">not changed</td>")
                .contains("<tr><th scope=\"row\">Days added</th><td colspan=\"2\">none</td></tr>");
        assertThat(new HtmlReport().render(RotationFixtures.failedBeforeAnyChange()))
                .contains("<h2>Certificates</h2>\n<p class=\"muted\">The rotation stopped before it read a"
                        + " certificate.</p>");
    }

    @Test
    void listsTheStepsWithOutcomeDurationDetailAndABarEachOnOneTimeline() {
        String steps = between(html, "<h2>Steps</h2>", "</section>");

        assertThat(steps)
                .contains("<thead><tr><th>#</th><th>Step</th><th>Outcome</th><th>Took</th><th>Timeline</th>"
                        + "<th>Detail</th></tr></thead>")
                .contains("<tr class=\"step-done\"><td class=\"num\">1</td><td class=\"nowrap\"><code>preflight"
                        + "</code></td><td><span class=\"pill oc-done\">DONE</span></td><td class=\"num\">850 ms</td>"
                        + "<td><div class=\"bar\"><span class=\"oc-done\" style=\"left:0.00%;width:2.00%\"></span>"
                        + "</div></td><td class=\"long\">read kube-system/konnectivity-certs (subject")
                .contains("<td class=\"num\">31.2 s</td><td><div class=\"bar\"><span class=\"oc-done\""
                        + " style=\"left:9.35%;width:73.41%\"></span></div></td>")
                .contains("<p class=\"muted\">Each bar is as long as its step took, out of 42.5 s, and starts where"
                        + " the steps before it ended.</p>");
        assertThat(steps.split("<tr class=\"step-", -1)).hasSize(11);
    }

    @Test
    void colourTheFailedStepAndDrawNoBarsForPlannedSteps() {
        assertThat(new HtmlReport().render(RotationFixtures.rolledBack()))
                .contains("<tr class=\"step-failed\"><td class=\"num\">9</td><td class=\"nowrap\"><code>verify</code>"
                        + "</td><td><span class=\"pill oc-failed\">FAILED</span></td><td class=\"num\">1 min 0 s</td>");
        String dryRun = new HtmlReport().render(RotationFixtures.dryRun());
        assertThat(dryRun)
                .contains("<tr class=\"step-planned\"><td class=\"num\">2</td><td class=\"nowrap\"><code>lock</code>"
                        + "</td><td><span class=\"pill oc-planned\">PLANNED</span></td><td class=\"num\">-</td>"
                        + "<td></td><td class=\"long\">take Lease");
        assertThat(Pattern.compile("<div class=\"bar\">").matcher(dryRun).results())
                .hasSize(1);
    }

    @Test
    void escapesMarkupInEveryStringItShows() {
        String hostile = new HtmlReport()
                .render(RotationFixtures.hostile("team<b>&\"x\"", "CN=<script>alert('owned')</script>"));

        assertThat(hostile).doesNotContain("<script", "<b>", "'owned'");
        assertThat(hostile)
                .contains("CN=&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
                .contains("team&lt;b&gt;&amp;&quot;x&quot;");
    }

    @Test
    void isTheSameForTheSameReportAndNamesItsSchemaVersion() {
        assertThat(new HtmlReport().render(RotationFixtures.rotated())).isEqualTo(html);
        assertThat(html).contains("<footer>JSON rotation report schema version 1.</footer>");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("position of " + start).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as("position of " + end + " after " + start).isNotNegative();
        return text.substring(from, to);
    }
}
