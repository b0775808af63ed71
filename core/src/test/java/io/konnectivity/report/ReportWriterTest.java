package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path temporary;

    @Test
    void writesEveryFileFormatIntoANewDirectoryAndReturnsThePaths() throws Exception {
        Path directory = temporary.resolve("reports/nightly");

        List<Path> written = new ReportWriter().write(ReportFixtures.fourClusters(), directory);

        assertThat(written)
                .extracting(path -> path.getFileName().toString())
                .containsExactly(
                        "konnectivity-report.json",
                        "konnectivity-report.html",
                        "konnectivity-junit.xml",
                        "konnectivity-report.md",
                        "konnectivity.prom");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .hasSize(5)
                    .noneMatch(name -> name.endsWith(".partial"));
        }
        assertThat(Files.readString(directory.resolve("konnectivity-report.json")))
                .isEqualTo(new JsonReport().render(ReportFixtures.fourClusters()));
    }

    @Test
    void writesARotationReportBesideTheCheckReportUnderItsOwnNames() throws Exception {
        List<Path> check = new ReportWriter().write(ReportFixtures.fourClusters(), temporary);

        List<Path> rotation = new ReportWriter().write(RotationFixtures.rotated(), temporary);

        assertThat(rotation)
                .extracting(path -> path.getFileName().toString())
                .containsExactly(
                        "konnectivity-rotation.json",
                        "konnectivity-rotation.html",
                        "konnectivity-rotation-junit.xml",
                        "konnectivity-rotation.md",
                        "konnectivity-rotation.prom");
        try (Stream<Path> files = Files.list(temporary)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .hasSize(10)
                    .noneMatch(name -> name.endsWith(".partial"));
        }
        assertThat(Files.readString(check.get(0))).isEqualTo(new JsonReport().render(ReportFixtures.fourClusters()));
        assertThat(Files.readString(temporary.resolve("konnectivity-rotation.prom")))
                .isEqualTo(new PrometheusReport().render(RotationFixtures.rotated()));
    }

    @Test
    void writesTheRotationTableWhenAskedFor() throws Exception {
        List<Path> written = new ReportWriter(List.of(ReportFormat.TABLE)).write(RotationFixtures.dryRun(), temporary);

        assertThat(written).containsExactly(temporary.resolve("konnectivity-rotation.txt"));
        assertThat(Files.readString(written.get(0)))
                .isEqualTo(new TableReport(false).render(RotationFixtures.dryRun()));
    }

    @Test
    void replacesTheFilesOfAnEarlierRun() throws Exception {
        Path written = new ReportWriter(List.of(ReportFormat.MARKDOWN))
                .write(ReportFixtures.fourClusters(), temporary)
                .get(0);

        new ReportWriter(List.of(ReportFormat.MARKDOWN)).write(ReportFixtures.many(1), temporary);

        assertThat(Files.readString(written)).startsWith("## Konnectivity certificates: WARNING");
    }
}
