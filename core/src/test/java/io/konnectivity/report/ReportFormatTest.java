package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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
