package io.konnectivity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void aFormattedLineParsesBackToTheSameValuesInOrder() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("clusters", "100");
        values.put("wallMs", "1834.5");
        values.put("threadsAtPeak", "OkHttp_Dispatcher:64,konnectivity-cluster-#:64");

        String line = new ResultLine(values).format();

        assertThat(line)
                .isEqualTo(
                        "RESULT clusters=100 wallMs=1834.5 threadsAtPeak=OkHttp_Dispatcher:64,konnectivity-cluster-#:64");
        ResultLine parsed = ResultLine.parse(line).orElseThrow();
        assertThat(parsed.values()).containsExactlyEntriesOf(values);
        assertThat(parsed.number("wallMs")).isEqualTo(1834.5);
    }

    @Test
    void otherLinesAreNotResults() {
        assertThat(ResultLine.parse("first cluster not checked: timeout")).isEmpty();
    }

    @Test
    void refusesValuesWithSpacesAndNamesThatAreMissing() {
        assertThatThrownBy(() -> new ResultLine(Map.of("error", "timed out")))
                .hasMessageContaining("'error=timed out'");
        assertThatThrownBy(() ->
                        ResultLine.parse("RESULT clusters=1").orElseThrow().text("wallMs"))
                .hasMessageContaining("no 'wallMs'");
        assertThatThrownBy(() -> ResultLine.parse("RESULT clusters")).hasMessageContaining("name=value");
    }
}
