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

class JunitReportTest {

    private final String xml = new JunitReport().render(ReportFixtures.fourClusters());

    @Test
    void countsOneTestPerCertificateAndOnePerClusterNotChecked() throws Exception {
        Element suites = parse(xml).getDocumentElement();

        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("9");
        assertThat(suites.getAttribute("failures")).isEqualTo("3");
        assertThat(suites.getAttribute("errors")).isEqualTo("1");
        assertThat(elements(suites, "testcase")).hasSize(9);
        assertThat(elements(suites, "failure")).hasSize(3);
        assertThat(elements(suites, "error")).hasSize(1);
    }

    @Test
    void makesOneSuitePerClusterWithItsOwnCounts() throws Exception {
        List<Element> suites = elements(parse(xml).getDocumentElement(), "testsuite");

        assertThat(suites)
                .extracting(suite -> suite.getAttribute("name"))
                .containsExactly("aks-prod-weu", "aks-test-neu", "aks-legacy-eus", "aks-private-weu");
        assertThat(suites)
                .extracting(suite -> suite.getAttribute("tests") + "/" + suite.getAttribute("failures") + "/"
                        + suite.getAttribute("errors"))
                .containsExactly("3/0/0", "2/1/0", "3/2/0", "1/0/1");
        assertThat(suites.get(0).getAttribute("time")).isEqualTo("1.234");
        assertThat(suites.get(0).getAttribute("timestamp")).isEqualTo("2025-03-01T06:00:00");
    }

    @Test
    void namesEachCaseAfterTheClusterAndTheCertificatesRoleAndLocation() throws Exception {
        Element first = elements(parse(xml).getDocumentElement(), "testcase").get(0);

        assertThat(first.getAttribute("classname")).isEqualTo("aks-prod-weu");
        assertThat(first.getAttribute("name"))
                .isEqualTo("Konnectivity agent client certificate kube-system/konnectivity-certs[client.crt]");
    }

    @Test
    void failsACriticalExpiredOrInvalidCertificateWithStatusDaysLeftExpiryAndProblems() throws Exception {
        List<Element> failures = elements(parse(xml).getDocumentElement(), "failure");

        assertThat(failures)
                .extracting(failure -> failure.getAttribute("type"))
                .containsExactly("CRITICAL", "EXPIRED", "INVALID");
        assertThat(failures.get(0).getAttribute("message"))
                .isEqualTo("CRITICAL: 5 days left, expires 2025-03-06 12:00 UTC");
        assertThat(failures.get(1).getAttribute("message"))
                .isEqualTo(
                        "EXPIRED: expired 2 days ago, on 2025-02-26 12:00 UTC; the certificate expired on 2025-02-26");
        assertThat(failures.get(2).getAttribute("message"))
                .isEqualTo("INVALID: expiry unknown; tls.crt holds no PEM certificate");
        assertThat(failures.get(1).getTextContent()).contains("Days left: -3", "Subject: CN=konnectivity-agent");
    }

    @Test
    void passesAWarningWithTheWarningAsOutput() throws Exception {
        Element warning = elements(parse(xml).getDocumentElement(), "testcase").get(4);

        assertThat(warning.getAttribute("name")).startsWith("kubeconfig client certificate");
        assertThat(elements(warning, "failure")).isEmpty();
        assertThat(elements(warning, "system-out").get(0).getTextContent())
                .startsWith("WARNING: 20 days left, expires 2025-03-21 12:00 UTC");
    }

    @Test
    void reportsAClusterThatCouldNotBeCheckedAsOneCaseInError() throws Exception {
        Element suite = elements(parse(xml).getDocumentElement(), "testsuite").get(3);
        Element error = elements(suite, "error").get(0);

        assertThat(elements(suite, "testcase")).hasSize(1);
        assertThat(error.getAttribute("message")).startsWith("The cluster could not be checked: Timed out after 30 s");
    }

    @Test
    void reportsASkippedClusterAsOneSkippedCaseWithTheReason() throws Exception {
        Element suites =
                parse(new JunitReport().render(ReportFixtures.withStopped())).getDocumentElement();
        Element suite = elements(suites, "testsuite").get(4);

        assertThat(suites.getAttribute("tests")).isEqualTo("10");
        assertThat(suites.getAttribute("failures")).isEqualTo("3");
        assertThat(suites.getAttribute("errors")).isEqualTo("1");
        assertThat(suites.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("name")).isEqualTo(ReportFixtures.STOPPED);
        assertThat(suite.getAttribute("tests") + "/" + suite.getAttribute("failures") + "/"
                        + suite.getAttribute("errors") + "/" + suite.getAttribute("skipped"))
                .isEqualTo("1/0/0/1");
        Element testCase = elements(suite, "testcase").get(0);
        assertThat(testCase.getAttribute("name")).isEqualTo("cluster check");
        assertThat(elements(testCase, "skipped").get(0).getAttribute("message"))
                .isEqualTo(ReportFixtures.STOPPED_REASON);
        assertThat(elements(suite, "failure")).isEmpty();
        assertThat(elements(suite, "error")).isEmpty();
    }

    @Test
    void namesNodeCertificateCasesAfterTheirRole() throws Exception {
        List<Element> cases = elements(
                parse(new JunitReport().render(ReportFixtures.nodeFiles())).getDocumentElement(), "testcase");

        assertThat(cases)
                .extracting(testCase -> testCase.getAttribute("name"))
                .containsExactly(
                        "node API server certificate aks-system-12345678-vmss/0:/etc/kubernetes/certs/apiserver.crt",
                        "node cluster CA aks-system-12345678-vmss/0:/etc/kubernetes/certs/ca.crt",
                        "kubelet client certificate"
                                + " aks-system-12345678-vmss/0:/var/lib/kubelet/pki/kubelet-client-current.pem");
        assertThat(cases)
                .allSatisfy(
                        testCase -> assertThat(elements(testCase, "failure")).isEmpty());
    }

    @Test
    void escapesMarkupAndDropsCharactersXmlCannotHold() throws Exception {
        String subject = "CN=<x>&\"y\"</testcase>\u0001]]>";
        String hostile = new JunitReport().render(ReportFixtures.hostile("a&b", subject));

        Element testCase =
                elements(parse(hostile).getDocumentElement(), "testcase").get(0);
        assertThat(testCase.getAttribute("classname")).isEqualTo("a&b");
        assertThat(elements(testCase, "failure").get(0).getTextContent())
                .contains("Subject: CN=<x>&\"y\"</testcase>\uFFFD]]>");
        assertThat(hostile).doesNotContain("PRIVATE KEY");
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
