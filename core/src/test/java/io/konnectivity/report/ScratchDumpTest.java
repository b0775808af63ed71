package io.konnectivity.report;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        new ReportWriter().write(ReportFixtures.fourClusters(), Path.of("/tmp/reports/four"));
        new ReportWriter().write(ReportFixtures.many(100), Path.of("/tmp/reports/many"));
        Files.writeString(Path.of("/tmp/reports/four/table.txt"), new TableReport(false).render(ReportFixtures.fourClusters()));
        Files.writeString(Path.of("/tmp/reports/four/table-colour.txt"), new TableReport(true).render(ReportFixtures.fourClusters()));
        Files.writeString(Path.of("/tmp/reports/many/table.txt"), new TableReport(false).render(ReportFixtures.many(3)));
    }
}
