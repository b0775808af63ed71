package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private final String markdown = new MarkdownReport().render(ReportFixtures.fourClusters());

    @Test
    void headsTheCommentWithTheOverallStatusAndTheCertificateThatExpiresFirst() {
        assertThat(markdown).startsWith("## Konnectivity certificates: ERROR\n\n");
        assertThat(markdown)
                .contains("**Expires first:** Konnectivity agent client certificate of **aks-legacy-eus** at"
                        + " kube-system/konnectivity-certs\\[client.crt\\], 2025-02-26 12:00 UTC"
                        + " (expired 2 days ago).");
    }

    @Test
    void listsEveryCertificateSoonestExpiryFirstInATable() {
        List<String> rows = tableRows(markdown);

        assertThat(rows).hasSize(10);
        assertThat(rows.get(0))
                .isEqualTo("| Status | Days left | Expires | Cluster | Role | Location | Subject | Problems |");
        assertThat(rows.subList(2, rows.size()))
                .extracting(row -> row.substring(0, row.indexOf("** |") + 4))
                .containsExactly(
                        "| **INVALID** |",
                        "| **EXPIRED** |",
                        "| **CRITICAL** |",
                        "| **WARNING** |",
                        "| **OK** |",
                        "| **OK** |",
                        "| **OK** |",
                        "| **OK** |");
    }

    @Test
    void escapesPipesAndMarkupSoThatEveryRowKeepsItsColumns() {
        String hostile =
                new MarkdownReport().render(ReportFixtures.hostile("team|a", "CN=a|b,O=<img src=x>*bold*_x_\nnext"));
        List<String> rows = tableRows(hostile);

        assertThat(rows).hasSize(3);
        assertThat(rows)
                .allSatisfy(row -> assertThat(unescapedPipes(row)).as(row).isEqualTo(9));
        assertThat(rows.get(2))
                .contains("| team\\|a |")
                .contains("| CN=a\\|b,O=\\<img src=x\\>\\*bold\\*\\_x\\_ next |");
    }

    @Test
    void listsFindingsWithAdviceAndTheClustersThatCouldNotBeChecked() {
        assertThat(markdown)
                .contains("### Findings\n\n")
                .contains("- **CRITICAL** aks-legacy-eus, kube-system/konnectivity-certs: The tunnel is down because"
                        + " the agent certificate expired 3 days ago.<br>Have the API server sign a new agent"
                        + " certificate, or run az aks rotate-certs.\n")
                .contains("- **INFO** aks-legacy-eus: RBAC is disabled, so AKS never rotates this cluster's"
                        + " certificates.\n")
                .contains("### Clusters not checked\n\n- **aks-private-weu** (https://aks-private-weu.privatelink"
                        + ".westeurope.azmk8s.io:443): Timed out after 30 s connecting to");
    }

    @Test
    void listsSkippedClustersWithTheirReasonApartFromThoseNotChecked() {
        String withStopped = new MarkdownReport().render(ReportFixtures.withStopped());

        assertThat(withStopped)
                .contains("5 clusters (1 not checked, 1 skipped), 8 certificates")
                .endsWith("### Clusters skipped\n\n- **aks-dev-weu** (https://aks-dev-weu-5e6f.hcp.westeurope"
                        + ".azmk8s.io:443): The cluster is stopped (power state Stopped), so its certificates cannot be"
                        + " read; they keep expiring meanwhile. Check it after az aks start.\n");
        assertThat(new MarkdownReport().render(ReportFixtures.healthyAndStopped()))
                .startsWith("## Konnectivity certificates: OK\n\n");
    }

    @Test
    void namesNodeCertificatesByTheirRole() {
        assertThat(tableRows(new MarkdownReport().render(ReportFixtures.nodeFiles())))
                .anyMatch(row -> row.contains("| node API server certificate |"))
                .anyMatch(row -> row.contains("| node cluster CA |"))
                .anyMatch(row -> row.startsWith("| **OK** | 300 |") && row.contains("| kubelet client certificate |"));
    }

    @Test
    void leavesOutOkCertificatesBeyondTheRowLimitButNeverOneThatNeedsAttention() {
        String limited = new MarkdownReport(3).render(ReportFixtures.fourClusters());

        assertThat(tableRows(limited)).hasSize(2 + 4);
        assertThat(limited).contains("\n4 more certificates, all OK and expiring later, not listed.\n");
    }

    @Test
    void holdsNoKeyMaterial() {
        assertThat(markdown).doesNotContain("PRIVATE KEY");
    }

    private static List<String> tableRows(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("|")).toList();
    }

    private static long unescapedPipes(String row) {
        return row.replace("\\|", "").chars().filter(c -> c == '|').count();
    }
}
