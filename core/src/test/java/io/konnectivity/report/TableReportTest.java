package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.check.CheckReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportTest {

    private final CheckReport report = ReportFixtures.fourClusters();

    @Test
    void writesNoAnsiCodesWithoutColour() {
        assertThat(new TableReport(false).render(report)).doesNotContain("\u001B");
    }

    @Test
    void coloursStatusWordsWithColour() {
        String coloured = new TableReport(true).render(report);

        assertThat(coloured)
                .contains("\u001B[1;31mEXPIRED \u001B[0m")
                .contains("\u001B[33mWARNING \u001B[0m")
                .contains("\u001B[32mOK\u001B[0m\n");
        assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(new TableReport(false).render(report));
    }

    @Test
    void headsEachClusterWithItsServerAndStatusAndListsItsCertificatesSoonestFirst() {
        List<String> lines = new TableReport(false).render(report).lines().toList();
        int header = lines.indexOf("aks-legacy-eus  " + ReportFixtures.EXPIRED_SERVER + "  INVALID");

        assertThat(header).isNotNegative();
        assertThat(lines.get(header + 1)).startsWith("  STATUS    ");
        assertThat(lines.get(header + 2)).startsWith("  INVALID       ?  unknown     certificate found in a Secret");
        assertThat(lines.get(header + 3)).startsWith("  EXPIRED      -3  2025-02-26  Konnectivity agent client");
        assertThat(lines.get(header + 4)).startsWith("  OK          400  2026-04-05  Konnectivity agent CA");
    }

    @Test
    void alignsTheColumnsOfAllClustersUnderTheirHeadings() {
        List<String> lines = new TableReport(false).render(report).lines().toList();
        String headings = lines.stream()
                .filter(line -> line.startsWith("  STATUS"))
                .findFirst()
                .orElseThrow();
        List<String> rows = lines.stream()
                .filter(line -> line.matches("  [A-Z]+ +(-?[0-9]+|\\?)  .*"))
                .toList();

        assertThat(rows).hasSize(8);
        for (String column : List.of("EXPIRES", "ROLE", "LOCATION", "SUBJECT")) {
            int start = headings.indexOf(column);
            assertThat(rows)
                    .allSatisfy(row -> assertThat(row.substring(start - 2, start + 1))
                            .as(column + " in " + row)
                            .matches("  \\S"));
        }
    }

    @Test
    void showsTunnelStateAndFindingsWithAdviceIndented() {
        String table = new TableReport(false).render(report);

        assertThat(table)
                .contains("  tunnel: down (pod konnectivity-agent-7f6c9-q2w3e): Get ")
                .contains("    CRITICAL  The tunnel is down because the agent certificate expired 3 days ago."
                        + " [kube-system/konnectivity-certs]\n"
                        + "              Have the API server sign a new agent certificate, or run az aks"
                        + " rotate-certs.\n")
                .contains("aks-private-weu  " + ReportFixtures.UNREACHABLE_SERVER + "  ERROR\n"
                        + "  not checked: Timed out after 30 s");
    }

    @Test
    void endsWithASummaryLine() {
        List<String> lines = new TableReport(false).render(report).lines().toList();

        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("ERROR: 4 clusters (1 not checked), 8 certificates: 4 OK, 1 WARNING, 1 CRITICAL,"
                        + " 1 EXPIRED, 1 INVALID. First to expire: Konnectivity agent client certificate of"
                        + " aks-legacy-eus, 2025-02-26 (expired 2 days ago).");
    }

    @Test
    void showsASkippedClusterWithItsReasonAndLeavesTheOverallStatusToTheOthers() {
        String table = new TableReport(false).render(ReportFixtures.withStopped());

        assertThat(table)
                .contains("aks-dev-weu  " + ReportFixtures.STOPPED_SERVER + "  SKIPPED\n  skipped: "
                        + ReportFixtures.STOPPED_REASON + "\n")
                .contains("ERROR: 5 clusters (1 not checked, 1 skipped), 8 certificates");
        assertThat(new TableReport(false).render(ReportFixtures.healthyAndStopped()))
                .contains("OK: 2 clusters (1 skipped), 3 certificates: 3 OK.");
        assertThat(new TableReport(true).render(ReportFixtures.withStopped()))
                .contains("  \u001B[90mSKIPPED\u001B[0m\n");
    }

    @Test
    void namesNodeCertificatesByTheirRole() {
        String table = new TableReport(false).render(ReportFixtures.nodeFiles());

        assertThat(table)
                .contains("  OK        300  2025-12-26  kubelet client certificate   aks-system-12345678-vmss/0:")
                .contains("node API server certificate")
                .contains("node cluster CA");
    }

    @Test
    void cutsALongSubjectInTheMiddleKeepingBothEnds() {
        String subject = "CN=konnectivity-agent," + "OU=platform,".repeat(20) + "O=contoso";
        String table = new TableReport(false).render(ReportFixtures.hostile("long", subject));

        String row = table.lines()
                .filter(line -> line.startsWith("  CRITICAL"))
                .findFirst()
                .orElseThrow();
        assertThat(row)
                .contains("CN=konnectivity-agent,OU=plat")
                .contains("...")
                .endsWith("OU=platform,O=contoso");
        assertThat(row.substring(row.indexOf("CN="))).hasSize(64);
    }

    @Test
    void neverPassesControlCharactersFromAClusterToTheTerminal() {
        String table =
                new TableReport(false).render(ReportFixtures.hostile("evil\u001B[2J", "CN=\u001B]0;owned\u0007x"));

        assertThat(table)
                .doesNotContain("\u001B", "\u0007")
                .contains("evil?[2J")
                .contains("CN=?]0;owned?x");
    }

    @Test
    void holdsNoKeyMaterial() {
        assertThat(new TableReport(true).render(report)).doesNotContain("PRIVATE KEY");
    }
}
