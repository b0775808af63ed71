package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Status;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationStep;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, for the test result views of Jenkins and other CI systems: one test suite per cluster, one
 * test case per certificate. CRITICAL, EXPIRED and INVALID certificates fail; a WARNING passes with its warning as
 * output; a cluster that could not be checked is one test case in error, and one skipped on purpose one skipped test
 * case. A rotation is one test suite named after its
 * cluster with one test case per step: a failed step fails, a skipped or planned one is skipped.
 */
public final class JunitReport implements ReportRenderer {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public String render(CheckReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            newLine(xml, 0);
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "Konnectivity certificates");
            xml.writeAttribute("tests", Integer.toString(tests(report.clusters())));
            xml.writeAttribute("failures", Integer.toString(failures(report.clusters())));
            xml.writeAttribute("errors", Integer.toString(errors(report.clusters())));
            xml.writeAttribute("skipped", Integer.toString(skipped(report.clusters())));
            xml.writeAttribute("timestamp", timestamp(report.generatedAt()));
            for (ClusterResult cluster : report.clusters()) {
                newLine(xml, 1);
                testSuite(xml, cluster);
            }
            newLine(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the JUnit report: " + e.getMessage(), e);
        }
        return text + "\n";
    }

    @Override
    public String render(RotationReport report) {
        RotationReport safe = KeyMaterial.redact(report);
        List<RotationStep> steps = safe.steps();
        RotationText.Result result = RotationText.result(safe);
        // A rotation that failed without a failed step, such as one that could not connect, must not pass.
        boolean resultCase =
                !result.success() && steps.stream().noneMatch(step -> step.outcome() == RotationStep.Outcome.FAILED);
        String tests = Integer.toString(steps.size() + (resultCase ? 1 : 0));
        String failures = Long.toString(count(steps, RotationStep.Outcome.FAILED));
        String errors = resultCase ? "1" : "0";
        String skipped =
                Long.toString(count(steps, RotationStep.Outcome.SKIPPED) + count(steps, RotationStep.Outcome.PLANNED));
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            newLine(xml, 0);
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "Konnectivity " + RotationText.noun(safe));
            xml.writeAttribute("tests", tests);
            xml.writeAttribute("failures", failures);
            xml.writeAttribute("errors", errors);
            xml.writeAttribute("skipped", skipped);
            xml.writeAttribute("time", seconds(safe.took()));
            xml.writeAttribute("timestamp", timestamp(safe.startedAt()));
            newLine(xml, 1);
            xml.writeStartElement("testsuite");
            attribute(xml, "name", safe.cluster());
            xml.writeAttribute("tests", tests);
            xml.writeAttribute("failures", failures);
            xml.writeAttribute("errors", errors);
            xml.writeAttribute("skipped", skipped);
            xml.writeAttribute("time", seconds(safe.took()));
            xml.writeAttribute("timestamp", timestamp(safe.startedAt()));
            rotationProperties(xml, safe);
            for (RotationStep step : steps) {
                newLine(xml, 2);
                stepCase(xml, safe, step);
            }
            if (resultCase) {
                newLine(xml, 2);
                resultCase(xml, safe);
            }
            newLine(xml, 2);
            element(xml, "system-out", rotationOutput(safe));
            newLine(xml, 1);
            xml.writeEndElement();
            newLine(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the JUnit report: " + e.getMessage(), e);
        }
        return text + "\n";
    }

    @Override
    public String fileName() {
        return "konnectivity-junit.xml";
    }

    @Override
    public String rotationFileName() {
        return "konnectivity-rotation-junit.xml";
    }

    private static void rotationProperties(XMLStreamWriter xml, RotationReport report) throws XMLStreamException {
        newLine(xml, 2);
        xml.writeStartElement("properties");
        property(xml, "server", report.server());
        property(xml, "mode", RotationText.mode(report));
        property(xml, "result", RotationText.result(report).name());
        property(xml, "exitCode", Integer.toString(report.exitCode()));
        if (report.backup() != null) {
            property(xml, "backup", report.backup());
        }
        if (report.csr() != null) {
            property(xml, "csr", report.csr());
        }
        newLine(xml, 2);
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        newLine(xml, 3);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        attribute(xml, "value", value);
    }

    /** DONE passes with its detail as output, FAILED fails, SKIPPED and PLANNED are skipped with their detail. */
    private static void stepCase(XMLStreamWriter xml, RotationReport report, RotationStep step)
            throws XMLStreamException {
        xml.writeStartElement("testcase");
        attribute(xml, "classname", report.cluster());
        attribute(xml, "name", step.name());
        xml.writeAttribute("time", seconds(step.took()));
        newLine(xml, 3);
        if (step.outcome() == RotationStep.Outcome.FAILED) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", step.outcome().name());
            attribute(xml, "message", step.detail());
            text(
                    xml,
                    step.detail() + "\n\nResult: " + RotationText.title(report) + ": " + RotationText.summary(report));
            xml.writeEndElement();
        } else if (step.outcome() == RotationStep.Outcome.SKIPPED || step.outcome() == RotationStep.Outcome.PLANNED) {
            xml.writeEmptyElement("skipped");
            attribute(xml, "message", step.outcome() + ": " + step.detail());
        } else {
            element(xml, "system-out", step.detail());
        }
        newLine(xml, 2);
        xml.writeEndElement();
    }

    private static void resultCase(XMLStreamWriter xml, RotationReport report) throws XMLStreamException {
        xml.writeStartElement("testcase");
        attribute(xml, "classname", report.cluster());
        xml.writeAttribute("name", "rotation");
        xml.writeAttribute("time", seconds(report.took()));
        newLine(xml, 3);
        xml.writeStartElement("error");
        xml.writeAttribute("type", RotationText.result(report).name());
        attribute(xml, "message", RotationText.summary(report));
        text(xml, RotationText.summary(report));
        xml.writeEndElement();
        newLine(xml, 2);
        xml.writeEndElement();
    }

    /** The result, the certificates before and after and the objects made: what a build log should keep. */
    private static String rotationOutput(RotationReport report) {
        StringBuilder text = new StringBuilder(RotationText.title(report))
                .append(": ")
                .append(RotationText.summary(report))
                .append('\n')
                .append(RotationText.facts(report))
                .append('\n')
                .append(RotationText.objects(report));
        if (report.certificates().isEmpty()) {
            text.append('\n').append(RotationText.noCertificates(report));
        }
        for (CertificateChange change : report.certificates()) {
            text.append("\n").append(change.what()).append(": ").append(RotationText.change(change));
            for (RotationText.Fact fact : RotationText.FACTS) {
                text.append("\n  ")
                        .append(fact.label())
                        .append(": ")
                        .append(RotationText.before(change.before(), fact));
                if (change.after() != null) {
                    text.append(" -> ").append(RotationText.after(change.after(), fact));
                }
            }
        }
        String note = RotationText.afterNote(report);
        if (note != null) {
            text.append('\n').append(note);
        }
        return text.toString();
    }

    private static long count(List<RotationStep> steps, RotationStep.Outcome outcome) {
        return steps.stream().filter(step -> step.outcome() == outcome).count();
    }

    private static void testSuite(XMLStreamWriter xml, ClusterResult cluster) throws XMLStreamException {
        List<ClusterResult> one = List.of(cluster);
        xml.writeStartElement("testsuite");
        attribute(xml, "name", cluster.cluster());
        xml.writeAttribute("tests", Integer.toString(tests(one)));
        xml.writeAttribute("failures", Integer.toString(failures(one)));
        xml.writeAttribute("errors", Integer.toString(errors(one)));
        xml.writeAttribute("skipped", Integer.toString(skipped(one)));
        xml.writeAttribute("time", seconds(cluster.took()));
        xml.writeAttribute("timestamp", timestamp(cluster.checkedAt()));
        newLine(xml, 2);
        xml.writeStartElement("properties");
        newLine(xml, 3);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", "server");
        attribute(xml, "value", cluster.server());
        newLine(xml, 2);
        xml.writeEndElement();

        if (cluster instanceof ClusterResult.Checked checked) {
            for (CertificateCheck certificate : checked.certificates()) {
                newLine(xml, 2);
                testCase(xml, cluster.cluster(), certificate);
            }
            if (!checked.findings().isEmpty() || checked.tunnel() != null) {
                newLine(xml, 2);
                element(xml, "system-out", clusterOutput(checked));
            }
        } else if (cluster instanceof ClusterResult.NotChecked notChecked) {
            newLine(xml, 2);
            notCheckedCase(xml, notChecked);
        } else if (cluster instanceof ClusterResult.Skipped skipped) {
            newLine(xml, 2);
            skippedCase(xml, skipped);
        }
        newLine(xml, 1);
        xml.writeEndElement();
    }

    private static void testCase(XMLStreamWriter xml, String cluster, CertificateCheck certificate)
            throws XMLStreamException {
        xml.writeStartElement("testcase");
        attribute(xml, "classname", cluster);
        attribute(
                xml,
                "name",
                certificate.role().label() + " " + certificate.location().describe());
        xml.writeAttribute("time", "0");
        String verdict = verdict(certificate);
        if (fails(certificate.status())) {
            newLine(xml, 3);
            xml.writeStartElement("failure");
            xml.writeAttribute("type", certificate.status().name());
            attribute(xml, "message", verdict);
            text(xml, details(certificate));
            xml.writeEndElement();
            newLine(xml, 2);
        } else if (certificate.status() == Status.WARNING) {
            newLine(xml, 3);
            element(xml, "system-out", verdict + "\n" + details(certificate));
            newLine(xml, 2);
        }
        xml.writeEndElement();
    }

    private static void notCheckedCase(XMLStreamWriter xml, ClusterResult.NotChecked cluster)
            throws XMLStreamException {
        xml.writeStartElement("testcase");
        attribute(xml, "classname", cluster.cluster());
        xml.writeAttribute("name", "cluster check");
        xml.writeAttribute("time", seconds(cluster.took()));
        newLine(xml, 3);
        xml.writeStartElement("error");
        xml.writeAttribute("type", Status.ERROR.name());
        attribute(xml, "message", "The cluster could not be checked: " + cluster.error());
        text(xml, "Server: " + cluster.server() + "\n" + cluster.error());
        xml.writeEndElement();
        newLine(xml, 2);
        xml.writeEndElement();
    }

    private static void skippedCase(XMLStreamWriter xml, ClusterResult.Skipped cluster) throws XMLStreamException {
        xml.writeStartElement("testcase");
        attribute(xml, "classname", cluster.cluster());
        xml.writeAttribute("name", "cluster check");
        xml.writeAttribute("time", seconds(cluster.took()));
        newLine(xml, 3);
        xml.writeEmptyElement("skipped");
        attribute(xml, "message", cluster.reason());
        newLine(xml, 2);
        xml.writeEndElement();
    }

    /** Such as {@code EXPIRED: expired 2 days ago, on 2025-02-26 12:00 UTC; <problems>}. */
    private static String verdict(CertificateCheck certificate) {
        String text = certificate.status() + ": " + ReportText.remaining(certificate);
        if (certificate.facts() != null) {
            boolean expired = certificate.daysLeft() != null && certificate.daysLeft() < 0;
            text += (expired ? ", on " : ", expires ") + ReportText.expiryDateTime(certificate);
        }
        return certificate.problems().isEmpty() ? text : text + "; " + ReportText.problems(certificate);
    }

    private static String details(CertificateCheck certificate) {
        StringBuilder text = new StringBuilder()
                .append("Location: ")
                .append(certificate.location().describe())
                .append("\nSubject: ")
                .append(ReportText.subject(certificate))
                .append("\nExpires: ")
                .append(ReportText.expiryDateTime(certificate))
                .append("\nDays left: ")
                .append(ReportText.daysLeft(certificate));
        certificate.problems().forEach(problem -> text.append("\nProblem: ").append(problem));
        return text.toString();
    }

    private static String clusterOutput(ClusterResult.Checked cluster) {
        StringBuilder text = new StringBuilder("Tunnel: ")
                .append(TunnelSummary.of(cluster.tunnel()).describe());
        for (Finding finding : cluster.findings()) {
            text.append("\n")
                    .append(finding.level())
                    .append(' ')
                    .append(finding.code())
                    .append(": ");
            text.append(finding.message());
            if (finding.advice() != null && !finding.advice().isBlank()) {
                text.append("\n  Advice: ").append(finding.advice());
            }
        }
        return text.toString();
    }

    private static boolean fails(Status status) {
        return status == Status.CRITICAL || status == Status.EXPIRED || status == Status.INVALID;
    }

    private static int tests(List<ClusterResult> clusters) {
        return clusters.stream()
                .mapToInt(cluster -> cluster instanceof ClusterResult.Checked checked
                        ? checked.certificates().size()
                        : 1)
                .sum();
    }

    private static int failures(List<ClusterResult> clusters) {
        return (int) clusters.stream()
                .filter(ClusterResult.Checked.class::isInstance)
                .map(ClusterResult.Checked.class::cast)
                .flatMap(cluster -> cluster.certificates().stream())
                .filter(certificate -> fails(certificate.status()))
                .count();
    }

    private static int errors(List<ClusterResult> clusters) {
        return (int) clusters.stream()
                .filter(ClusterResult.NotChecked.class::isInstance)
                .count();
    }

    private static int skipped(List<ClusterResult> clusters) {
        return (int) clusters.stream()
                .filter(ClusterResult.Skipped.class::isInstance)
                .count();
    }

    private static void element(XMLStreamWriter xml, String name, String content) throws XMLStreamException {
        xml.writeStartElement(name);
        text(xml, content);
        xml.writeEndElement();
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, xmlSafe(ReportText.oneLine(value)));
    }

    private static void text(XMLStreamWriter xml, String content) throws XMLStreamException {
        xml.writeCharacters(xmlSafe(content));
    }

    private static void newLine(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** StAX escapes markup but passes on characters XML 1.0 forbids, such as control characters from a log line. */
    private static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().map(c -> allowedInXml(c) ? c : 0xFFFD).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || c >= 0x10000;
    }

    /** JUnit's schema wants a local date-time without zone; every time in the report is UTC. */
    private static String timestamp(Instant instant) {
        return instant == null ? "" : TIMESTAMP.format(instant);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "0" : String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
}
