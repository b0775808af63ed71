package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AksClusterFilterTest {

    private static AksClusterFacts cluster(String group, String name, Map<String, String> tags) {
        return new AksClusterFacts(
                "sub",
                group,
                name,
                "westeurope",
                "1.29.4",
                true,
                "Running",
                "Succeeded",
                false,
                "MC",
                null,
                tags,
                List.of());
    }

    @Test
    void namePatternIsAGlobIgnoringCase() {
        AksClusterFilter filter = new AksClusterFilter(null, Map.of(), "aks-prod-?");

        assertThat(filter.matches(cluster("rg", "AKS-Prod-1", Map.of()))).isTrue();
        assertThat(filter.matches(cluster("rg", "aks-prod-10", Map.of()))).isFalse();
        assertThat(new AksClusterFilter(null, Map.of(), "*.x").matches(cluster("rg", "a.x", Map.of())))
                .isTrue();
        assertThat(new AksClusterFilter(null, Map.of(), "*.x").matches(cluster("rg", "abx", Map.of())))
                .isFalse();
    }

    @Test
    void everyTagMustBeCarriedWithItsExactValue() {
        AksClusterFilter filter = new AksClusterFilter(null, Map.of("env", "prod", "team", "a"), null);

        assertThat(filter.matches(cluster("rg", "c", Map.of("Env", "prod", "team", "a", "x", "y"))))
                .isTrue();
        assertThat(filter.matches(cluster("rg", "c", Map.of("env", "Prod", "team", "a"))))
                .isFalse();
        assertThat(filter.matches(cluster("rg", "c", Map.of("env", "prod")))).isFalse();
    }

    @Test
    void tagsAreGivenAsKeyEqualsValue() {
        assertThat(AksClusterFilter.parseTag("env=prod=1")).isEqualTo(Map.entry("env", "prod=1"));
        assertThatThrownBy(() -> AksClusterFilter.parseTag("env")).hasMessageContaining("KEY=VALUE");
    }
}
