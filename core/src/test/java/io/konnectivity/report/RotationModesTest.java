package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Restores and AKS's full rotation go through the same renderers as a CSR rotation. */
class RotationModesTest {

    @Test
    void callsARestoreARestoreAndSaysTheCertificateBackExpiresEarlier() {
        assertThat(new TableReport(false).render(RotationFixtures.restored()))
                .startsWith("aks-test-neu  " + RotationFixtures.SERVER + "  RESTORED\n")
                .contains("\n  Mode RESTORE, started 2025-03-01 06:00 UTC, took 40.0 s, exit code 0\n")
                .contains("\n    kube-system/konnectivity-certs[client.crt]: expires 12 days earlier\n")
                .contains("\n      not after            2025-03-06 12:00 UTC -> 2025-02-22 12:00 UTC\n");
        assertThat(new MarkdownReport().render(RotationFixtures.restored()))
                .startsWith("## Konnectivity restore of aks-test-neu: RESTORED\n");
        assertThat(new HtmlReport().render(RotationFixtures.restored()))
                .contains("<h1>Konnectivity restore of aks-test-neu: RESTORED</h1>")
                .contains("<tr><th scope=\"row\">Days added</th><td colspan=\"2\">-12 days</td></tr>");
        assertThat(new JunitReport().render(RotationFixtures.restored()))
                .contains("<testsuites name=\"Konnectivity restore\"");
        assertThat(new JsonReport().render(RotationFixtures.restored()))
                .contains("\"mode\": \"RESTORE\",\n  \"result\": \"ROTATED\",")
                .contains("\"daysAdded\": -12");
        assertThat(new PrometheusReport().render(RotationFixtures.restored()))
                .contains("konnectivity_rotation_success{cluster=\"aks-test-neu\",mode=\"RESTORE\"} 1\n");
    }

    @Test
    void comparesEveryCertificateOfAFullRotationChangedUnchangedOrNew() {
        assertThat(new TableReport(false).render(RotationFixtures.fullRotation()))
                .endsWith("""
                          certificates:
                            kube-system/konnectivity-certs[client.crt]: expires 365 days later
                              subject              CN=konnectivity-agent (unchanged)
                              serial               1f2e3d4c -> 7a8b9c0d1e
                              sha-256 fingerprint  AB:CD:EF:01 -> 12:34:56:78
                              not after            2025-03-06 12:00 UTC -> 2026-03-06 12:00 UTC
                            kube-system/konnectivity-certs[ca.crt]: not changed
                              subject              CN=ca
                              serial               1f2e3d4c
                              sha-256 fingerprint  AB:CD:EF:01
                              not after            2055-02-22 12:00 UTC
                            https://aks-legacy-eus-09be.hcp.eastus.azmk8s.io:443: new
                              subject              not read -> CN=apiserver
                              serial               not read -> 1f2e3d4c
                              sha-256 fingerprint  not read -> AB:CD:EF:01
                              not after            not read -> 2027-01-30 12:00 UTC
                        """);
        assertThat(new PrometheusReport()
                        .render(RotationFixtures.fullRotation())
                        .lines()
                        .filter(line -> line.startsWith("konnectivity_certificate_expiry_timestamp_seconds{")))
                .extracting(line -> line.substring(line.indexOf("what=")))
                .containsExactly(
                        "what=\"kube-system/konnectivity-certs[client.crt]\",phase=\"before\"} 1741262400",
                        "what=\"kube-system/konnectivity-certs[client.crt]\",phase=\"after\"} 1772798400",
                        "what=\"kube-system/konnectivity-certs[ca.crt]\",phase=\"before\"} 2686910400",
                        "what=\"https://aks-legacy-eus-09be.hcp.eastus.azmk8s.io:443\",phase=\"after\"} 1801310400");
        assertThat(new HtmlReport().render(RotationFixtures.fullRotation()))
                .contains("<td class=\"long muted\">not read</td>")
                .contains("<h3><code>kube-system/konnectivity-certs[ca.crt]</code> <span class=\"muted\">not changed"
                        + "</span></h3>");
    }
}
