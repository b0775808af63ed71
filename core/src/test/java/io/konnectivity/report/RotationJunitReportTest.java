package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RotationJunitReportTest {

    @Test
    void makesOneSuiteNamedAfterTheClusterWithOnePassingCasePerStep() throws Exception {
        Element suites =
                parse(new JunitReport().render(RotationFixtures.rotated())).getDocumentElement();
        List<Element> suite = elements(suites, "testsuite");
        List<Element> cases = elements(suites, "testcase");

        assertThat(suites.getAttribute("name")).isEqualTo("Konnectivity rotation");
        assertThat(suite).hasSize(1);
        assertThat(counts(suites)).isEqualTo("10/0/0/0");
        assertThat(counts(suite.get(0))).isEqualTo("10/0/0/0");
        assertThat(suite.get(0).getAttribute("name")).isEqualTo("aks-test-neu");
        assertThat(suite.get(0).getAttribute("time")).isEqualTo("42.500");
        assertThat(suite.get(0).getAttribute("timestamp")).isEqualTo("2025-03-01T06:00:00");
        assertThat(cases)
                .extracting(testCase -> testCase.getAttribute("name"))
                .containsExactly(
                        "preflight",
                        "lock",
                        "backup",
                        "csr",
                        "approval",
                        "issued",
                        "update",
                        "restart",
                        "verify",
                        "cleanup");
        assertThat(cases)
                .allSatisfy(testCase ->
                        assertThat(testCase.getAttribute("classname")).isEqualTo("aks-test-neu"));
        assertThat(cases.get(7).getAttribute("time")).isEqualTo("31.200");
        assertThat(elements(cases.get(7), "system-out").get(0).getTextContent())
                .isEqualTo("rollout-restarted Deployment kube-system/konnectivity-agent: 2 of 2 pods ready");
    }

    @Test
    void recordsServerModeResultExitCodeBackupAndCsrAsProperties() throws Exception {
        Element suite = elements(
                        parse(new JunitReport().render(RotationFixtures.rotated()))
                                .getDocumentElement(),
                        "testsuite")
                .get(0);

        assertThat(elements(suite, "property"))
                .extracting(property -> property.getAttribute("name") + "=" + property.getAttribute("value"))
                .containsExactly(
                        "server=" + RotationFixtures.SERVER,
                        "mode=CSR",
                        "result=ROTATED",
                        "exitCode=0",
                        "backup=" + RotationFixtures.BACKUP,
                        "csr=" + RotationFixtures.CSR);
    }

    @Test
    void keepsTheResultAndTheCertificateBeforeAndAfterInTheSuitesOutput() throws Exception {
        Element suite = elements(
                        parse(new JunitReport().render(RotationFixtures.rotated()))
                                .getDocumentElement(),
                        "testsuite")
                .get(0);
        List<Element> outputs = elements(suite, "system-out");

        assertThat(outputs.get(outputs.size() - 1).getTextContent())
                .isEqualTo("ROTATED: Renewed kube-system/konnectivity-certs[client.crt]: 2026-03-06T12:00:00Z; the"
                        + " tunnel works.\n"
                        + "Mode CSR, started 2025-03-01 06:00 UTC, took 42.5 s, exit code 0\n"
                        + "Backup konnectivity-certs-backup-20250301-060001, CSR"
                        + " konnectivity-certs-20250301060003-b4k9z\n"
                        + "kube-system/konnectivity-certs[client.crt]: expires 365 days later\n"
                        + "  Subject: CN=konnectivity-agent -> CN=konnectivity-agent\n"
                        + "  Serial: 1f2e3d4c -> 7a8b9c0d1e\n"
                        + "  SHA-256 fingerprint: AB:CD:EF:01 -> 12:34:56:78\n"
                        + "  Not after: 2025-03-06 12:00 UTC -> 2026-03-06 12:00 UTC");
    }

    @Test
    void skipsThePlannedStepsOfADryRun() throws Exception {
        Element suites =
                parse(new JunitReport().render(RotationFixtures.dryRun())).getDocumentElement();
        List<Element> skipped = elements(suites, "skipped");

        assertThat(counts(suites)).isEqualTo("10/0/0/9");
        assertThat(skipped).hasSize(9);
        assertThat(skipped.get(0).getAttribute("message"))
                .isEqualTo("PLANNED: take Lease kube-system/konnectivity-certs-rotation as alice@laptop");
        assertThat(elements(elements(suites, "testcase").get(0), "skipped")).isEmpty();
    }

    @Test
    void failsTheStepThatFailedWithTheResultOfTheRollback() throws Exception {
        Element suites =
                parse(new JunitReport().render(RotationFixtures.rolledBack())).getDocumentElement();
        List<Element> failures = elements(suites, "failure");

        assertThat(counts(suites)).isEqualTo("11/1/0/0");
        assertThat(failures).hasSize(1);
        Element verify = (Element) failures.get(0).getParentNode();
        assertThat(verify.getAttribute("name")).isEqualTo("verify");
        assertThat(failures.get(0).getAttribute("type")).isEqualTo("FAILED");
        assertThat(failures.get(0).getAttribute("message"))
                .isEqualTo("The tunnel does not work after the restart: down (dial tcp 10.240.0.4:10250: i/o timeout)");
        assertThat(failures.get(0).getTextContent())
                .endsWith("\n\nResult: ROLLED BACK: The renewal did not work (The tunnel does not work after the"
                        + " restart: down (dial tcp 10.240.0.4:10250: i/o timeout)) and was rolled back from backup"
                        + " kube-system/konnectivity-certs-backup-20250301-060001; tunnel now: up (pod"
                        + " konnectivity-agent-5c8b4-fghij).");
    }

    @Test
    void failsARotationThatStoppedBeforeAnyChange() throws Exception {
        Element suites = parse(new JunitReport().render(RotationFixtures.failedBeforeAnyChange()))
                .getDocumentElement();

        assertThat(counts(suites)).isEqualTo("1/1/0/0");
        assertThat(elements(suites, "failure").get(0).getAttribute("message"))
                .isEqualTo(RotationFixtures.MISSING_PERMISSIONS);
        assertThat(elements(suites, "property"))
                .extracting(property -> property.getAttribute("name"))
                .containsExactly("server", "mode", "result", "exitCode");
    }

    @Test
    void reportsARotationThatFailedWithoutAnyStepAsOneCaseInError() throws Exception {
        Element suites =
                parse(new JunitReport().render(RotationFixtures.unreachable())).getDocumentElement();
        List<Element> cases = elements(suites, "testcase");

        assertThat(counts(suites)).isEqualTo("1/0/1/0");
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).getAttribute("name")).isEqualTo("rotation");
        Element error = elements(cases.get(0), "error").get(0);
        assertThat(error.getAttribute("type")).isEqualTo("FAILED");
        assertThat(error.getAttribute("message")).startsWith("Timed out after 30 s connecting to https://");
    }

    @Test
    void escapesMarkupAndDropsCharactersXmlCannotHold() throws Exception {
        String text = "CN=<x>&\"y\"</testcase>\u0001]]>";
        String hostile = new JunitReport().render(RotationFixtures.hostile("a&b", text));

        Element suites = parse(hostile).getDocumentElement();
        assertThat(elements(suites, "testsuite").get(0).getAttribute("name")).isEqualTo("a&b");
        assertThat(elements(suites, "testcase").get(0).getAttribute("name"))
                .isEqualTo("CN=<x>&\"y\"</testcase>\uFFFD]]>");
        assertThat(elements(suites, "failure").get(0).getTextContent())
                .startsWith("CN=<x>&\"y\"</testcase>\uFFFD]]>\n\nResult: FAILED: ");
    }

    private static String counts(Element element) {
        return element.getAttribute("tests") + "/" + element.getAttribute("failures") + "/"
                + element.getAttribute("errors") + "/" + element.getAttribute("skipped");
    }

    private static Document parse(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int index = 0; index < nodes.getLength(); index++) {
            elements.add((Element) nodes.item(index));
        }
        return elements;
    }
}
