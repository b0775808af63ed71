package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RotationTableReportTest {

    @Test
    void headsWithTheResultThenListsTheStepsAndEachCertificateBeforeAndAfter() {
        assertThat(new TableReport(false).render(RotationFixtures.rotated())).isEqualTo("""
                        aks-test-neu  https://aks-test-neu-77c1.hcp.northeurope.azmk8s.io:443  ROTATED
                          Renewed kube-system/konnectivity-certs[client.crt]: 2026-03-06T12:00:00Z; the tunnel works.
                          Mode CSR, started 2025-03-01 06:00 UTC, took 42.5 s, exit code 0
                          Backup konnectivity-certs-backup-20250301-060001, CSR konnectivity-certs-20250301060003-b4k9z
                          steps:
                            DONE     preflight  850 ms  read kube-system/konnectivity-certs (subject CN=konnectivity-agent,\
                         expires 2025-03-06T12:00:00Z, key RSA matches); Deployment kube-system/konnectivity-agent uses the\
                         certificate; every permission granted
                            DONE     lock       120 ms  holding Lease kube-system/konnectivity-certs-rotation as\
                         jenkins/rotate-certs#42
                            DONE     backup     310 ms  copied kube-system/konnectivity-certs to\
                         kube-system/konnectivity-certs-backup-20250301-060001 and read it back equal
                            DONE     csr         95 ms  created CertificateSigningRequest\
                         konnectivity-certs-20250301060003-b4k9z for CN=konnectivity-agent (signer\
                         kubernetes.io/kube-apiserver-client)
                            DONE     approval    60 ms  approved konnectivity-certs-20250301060003-b4k9z through /approval
                            DONE     issued      2.4 s  issued certificate matches client.key, keeps the subject, allows\
                         client auth, expires 2026-03-06T12:00:00Z and chains to ca.crt
                            DONE     update     140 ms  replaced client.crt in kube-system/konnectivity-certs in place\
                         (resourceVersion 81234 -> 81240); ca.crt and client.key unchanged
                            DONE     restart    31.2 s  rollout-restarted Deployment kube-system/konnectivity-agent: 2 of 2\
                         pods ready
                            DONE     verify      6.8 s  tunnel works: read the log of pod konnectivity-agent-5c8b4-abcde
                            DONE     cleanup    180 ms  deleted CSR konnectivity-certs-20250301060003-b4k9z, released the lock
                          certificates:
                            kube-system/konnectivity-certs[client.crt]: expires 365 days later
                              subject              CN=konnectivity-agent (unchanged)
                              serial               1f2e3d4c -> 7a8b9c0d1e
                              sha-256 fingerprint  AB:CD:EF:01 -> 12:34:56:78
                              not after            2025-03-06 12:00 UTC -> 2026-03-06 12:00 UTC
                        """);
    }

    @Test
    void showsADryRunsPlannedStepsWithoutDurationAndTheCertificateAsNotChanged() {
        String table = new TableReport(false).render(RotationFixtures.dryRun());

        assertThat(table.lines().findFirst().orElseThrow()).endsWith("  UNCHANGED (dry run)");
        assertThat(table)
                .contains("\n  Backup none, CSR none\n")
                .contains("\n    PLANNED  lock            -  take Lease kube-system/konnectivity-certs-rotation as"
                        + " alice@laptop\n")
                .contains("\n    PLANNED  cleanup         -  delete the CSR, release the lock\n")
                .endsWith("""
                          certificates:
                            kube-system/konnectivity-certs[client.crt]: not changed
                              subject              CN=konnectivity-agent
                              serial               1f2e3d4c
                              sha-256 fingerprint  AB:CD:EF:01
                              not after            2025-03-06 12:00 UTC
                        """);
    }

    @Test
    void showsTheFailedStepAndSaysTheNewCertificateWasRolledBack() {
        String table = new TableReport(false).render(RotationFixtures.rolledBack());

        assertThat(table.lines().findFirst().orElseThrow()).endsWith("  ROLLED BACK");
        assertThat(table)
                .contains("\n  Mode CSR, started 2025-03-01 06:00 UTC, took 2 min 11 s, exit code 2\n")
                .contains("\n    FAILED   verify     1 min 0 s  The tunnel does not work after the restart: down (dial"
                        + " tcp 10.240.0.4:10250: i/o timeout)\n")
                .contains("\n    DONE     rollback      35.0 s  restored the agent data from kube-system/")
                .endsWith("      not after            2025-03-06 12:00 UTC -> 2026-03-06 12:00 UTC\n"
                        + "    note: The new certificate was rolled back: the certificate before is in use again.\n");
    }

    @Test
    void showsARotationThatFailedBeforeAnyChange() {
        assertThat(new TableReport(false).render(RotationFixtures.failedBeforeAnyChange()))
                .isEqualTo("aks-test-neu  https://aks-test-neu-77c1.hcp.northeurope.azmk8s.io:443  FAILED\n"
                        + "  " + RotationFixtures.MISSING_PERMISSIONS + "\n"
                        + "  Mode CSR, started 2025-03-01 06:00 UTC, took 650 ms, exit code 3\n"
                        + "  Backup none, CSR none\n"
                        + "  steps:\n"
                        + "    FAILED   preflight  400 ms  " + RotationFixtures.MISSING_PERMISSIONS + "\n"
                        + "  certificates:\n"
                        + "    The rotation stopped before it read a certificate.\n");
        assertThat(new TableReport(false).render(RotationFixtures.unreachable()))
                .startsWith("aks-test-neu  FAILED\n  Timed out after 30 s connecting to https://")
                .contains("\n  no step was taken\n");
    }

    @Test
    void coloursTheResultAndTheOutcomesOnlyWhenAsked() {
        String coloured = new TableReport(true).render(RotationFixtures.rolledBack());

        assertThat(coloured)
                .contains("  \u001B[33mROLLED BACK\u001B[0m\n")
                .contains("    \u001B[1;31mFAILED \u001B[0m  verify")
                .contains("    \u001B[32mDONE   \u001B[0m  preflight");
        assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", ""))
                .isEqualTo(new TableReport(false).render(RotationFixtures.rolledBack()));
        assertThat(new TableReport(false).render(RotationFixtures.rolledBack())).doesNotContain("\u001B");
    }

    @Test
    void neverPassesControlCharactersToTheTerminal() {
        String table =
                new TableReport(false).render(RotationFixtures.hostile("evil\u001B[2J", "x\u001B]0;owned\u0007"));

        assertThat(table)
                .doesNotContain("\u001B", "\u0007")
                .contains("evil?[2J")
                .contains("x?]0;owned?");
    }
}
