package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RotationMarkdownReportTest {

    @Test
    void summarisesTheRotationWithTheCertificateBeforeAndAfterAndTheSteps() {
        String markdown = new MarkdownReport().render(RotationFixtures.rotated());

        assertThat(markdown)
                .startsWith("""
                        ## Konnectivity rotation of aks-test-neu: ROTATED

                        Renewed kube-system/konnectivity-certs\\[client.crt\\]: 2026-03-06T12:00:00Z; the tunnel works.

                        - Server: https://aks-test-neu-77c1.hcp.northeurope.azmk8s.io:443
                        - Mode CSR, started 2025-03-01 06:00 UTC, took 42.5 s, exit code 0
                        - Backup konnectivity-certs-backup-20250301-060001, CSR konnectivity-certs-20250301060003-b4k9z

                        ### Certificates

                        **kube-system/konnectivity-certs\\[client.crt\\]**: expires 365 days later

                        | | Before | After |
                        | --- | --- | --- |
                        | Subject | CN=konnectivity-agent | CN=konnectivity-agent |
                        | Serial | 1f2e3d4c | 7a8b9c0d1e |
                        | SHA-256 fingerprint | AB:CD:EF:01 | 12:34:56:78 |
                        | Not after | 2025-03-06 12:00 UTC | 2026-03-06 12:00 UTC |

                        ### Steps

                        | # | Step | Outcome | Took | Detail |
                        | ---: | --- | --- | ---: | --- |
                        | 1 | preflight | **DONE** | 850 ms | read kube-system/konnectivity-certs (subject\
                         CN=konnectivity-agent, expires 2025-03-06T12:00:00Z, key RSA matches); Deployment\
                         kube-system/konnectivity-agent uses the certificate; every permission granted |
                        """)
                .contains("| 7 | update | **DONE** | 140 ms | replaced client.crt in kube-system/konnectivity-certs in"
                        + " place (resourceVersion 81234 -\\> 81240); ca.crt and client.key unchanged |\n")
                .endsWith("| 10 | cleanup | **DONE** | 180 ms | deleted CSR konnectivity-certs-20250301060003-b4k9z,"
                        + " released the lock |\n");
        assertThat(tableRows(markdown)).hasSize(6 + 12);
    }

    @Test
    void marksADryRunAndItsPlannedSteps() {
        String markdown = new MarkdownReport().render(RotationFixtures.dryRun());

        assertThat(markdown)
                .startsWith("## Konnectivity rotation of aks-test-neu: UNCHANGED (dry run)\n\nDry run: nothing was"
                        + " changed.\n")
                .contains("- Backup none, CSR none\n")
                .contains("**kube-system/konnectivity-certs\\[client.crt\\]**: not changed\n\n| | Before | After |\n")
                .contains("| Not after | 2025-03-06 12:00 UTC | not changed |\n")
                .contains("| 2 | lock | **PLANNED** | - | take Lease kube-system/konnectivity-certs-rotation as"
                        + " alice@laptop |\n");
    }

    @Test
    void headsTheNewCertificateAsRolledBackAndSaysSo() {
        String markdown = new MarkdownReport().render(RotationFixtures.rolledBack());

        assertThat(markdown)
                .startsWith("## Konnectivity rotation of aks-test-neu: ROLLED BACK\n")
                .contains("| | Before | Issued, rolled back |\n")
                .contains("\n**Note:** The new certificate was rolled back: the certificate before is in use again.\n")
                .contains("| 9 | verify | **FAILED** | 1 min 0 s | The tunnel does not work after the restart: down"
                        + " (dial tcp 10.240.0.4:10250: i/o timeout) |\n");
    }

    @Test
    void saysWhenTheRotationStoppedBeforeItReadACertificate() {
        assertThat(new MarkdownReport().render(RotationFixtures.failedBeforeAnyChange()))
                .isEqualTo("## Konnectivity rotation of aks-test-neu: FAILED\n\n"
                        + RotationFixtures.MISSING_PERMISSIONS + "\n\n"
                        + "- Server: https://aks-test-neu-77c1.hcp.northeurope.azmk8s.io:443\n"
                        + "- Mode CSR, started 2025-03-01 06:00 UTC, took 650 ms, exit code 3\n"
                        + "- Backup none, CSR none\n\n"
                        + "### Certificates\n\n"
                        + "The rotation stopped before it read a certificate.\n\n"
                        + "### Steps\n\n"
                        + "| # | Step | Outcome | Took | Detail |\n"
                        + "| ---: | --- | --- | ---: | --- |\n"
                        + "| 1 | preflight | **FAILED** | 400 ms | " + RotationFixtures.MISSING_PERMISSIONS + " |\n");
        assertThat(new MarkdownReport().render(RotationFixtures.unreachable())).endsWith("No step was taken.\n");
    }

    @Test
    void escapesPipesAndMarkupSoThatEveryRowKeepsItsColumns() {
        String hostile =
                new MarkdownReport().render(RotationFixtures.hostile("team|a", "CN=a|b,O=<img src=x>*x*\nnext"));

        assertThat(hostile).startsWith("## Konnectivity rotation of team\\|a: FAILED\n");
        List<String> rows = tableRows(hostile);
        assertThat(rows).hasSize(6 + 3);
        assertThat(rows.subList(0, 6))
                .allSatisfy(row -> assertThat(unescapedPipes(row)).as(row).isEqualTo(4));
        assertThat(rows.subList(6, 9))
                .allSatisfy(row -> assertThat(unescapedPipes(row)).as(row).isEqualTo(6));
        assertThat(rows.get(8))
                .isEqualTo("| 1 | CN=a\\|b,O=\\<img src=x\\>\\*x\\* next | **FAILED** | 1.0 s |"
                        + " CN=a\\|b,O=\\<img src=x\\>\\*x\\* next |");
    }

    private static List<String> tableRows(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("|")).toList();
    }

    private static long unescapedPipes(String row) {
        return row.replace("\\|", "").chars().filter(c -> c == '|').count();
    }
}
