package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    void parsesFormatNamesInAnyCase() {
        assertThat(ReportFormat.parse("json")).isEqualTo(ReportFormat.JSON);
        assertThat(ReportFormat.parse(" JUnit ")).isEqualTo(ReportFormat.JUNIT);
        assertThat(ReportFormat.parse("PROMETHEUS")).isEqualTo(ReportFormat.PROMETHEUS);
    }

    @Test
    void rejectsAnUnknownNameListingTheValidOnes() {
        assertThatThrownBy(() -> ReportFormat.parse("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown report format 'xml'; use one of table, json, html, junit, markdown, prometheus.");
    }

    @Test
    void writesEveryFormatButTheTableToAFileOfItsOwn() {
        assertThat(ReportFormat.fileFormats())
                .containsExactly(
                        ReportFormat.JSON,
                        ReportFormat.HTML,
                        ReportFormat.JUNIT,
                        ReportFormat.MARKDOWN,
                        ReportFormat.PROMETHEUS);
        assertThat(Arrays.stream(ReportFormat.values())
                        .map(format -> format.renderer().fileName()))
                .doesNotHaveDuplicates()
                .contains("konnectivity-report.json", "konnectivity.prom");
    }

    @Test
    void givesTheRotationReportFileNamesOfItsOwnInEveryFormat() {
        assertThat(Arrays.stream(ReportFormat.values())
                        .map(format -> format.renderer().rotationFileName()))
                .containsExactly(
                        "konnectivity-rotation.txt",
                        "konnectivity-rotation.json",
                        "konnectivity-rotation.html",
                        "konnectivity-rotation-junit.xml",
                        "konnectivity-rotation.md",
                        "konnectivity-rotation.prom")
                .doesNotContainAnyElementsOf(Arrays.stream(ReportFormat.values())
                        .map(format -> format.renderer().fileName())
                        .toList());
    }

    @Test
    void rendersTheSameRotationTheSameWayEveryTime() {
        for (ReportFormat format : ReportFormat.values()) {
            for (var report : List.of(
                    RotationFixtures.rotated(),
                    RotationFixtures.dryRun(),
                    RotationFixtures.rolledBack(),
                    RotationFixtures.failedBeforeAnyChange(),
                    RotationFixtures.unreachable())) {
                String first = format.renderer().render(report);

                assertThat(format.renderer().render(report)).as(format.name()).isEqualTo(first);
                assertThat(first)
                        .as(format.name())
                        .doesNotContain("PRIVATE KEY")
                        .doesNotContain("\r");
            }
        }
    }

    @Test
    void rendersTheSameReportTheSameWayEveryTimeWithoutKeyMaterial() {
        for (ReportFormat format : ReportFormat.values()) {
            String first = format.renderer().render(ReportFixtures.fourClusters());

            assertThat(format.renderer().render(ReportFixtures.fourClusters()))
                    .as(format.name())
                    .isEqualTo(first);
            assertThat(first).as(format.name()).doesNotContain("PRIVATE KEY");
        }
    }
}
