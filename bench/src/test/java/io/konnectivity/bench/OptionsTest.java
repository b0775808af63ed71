package io.konnectivity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Set<String> KNOWN = Set.of("iterations", "clusters");

    @Test
    void readsNumbersAndListsWithDefaultsForWhatIsNotGiven() {
        Options options = Options.parse(List.of("--clusters", "1, 10,100", "--iterations", "50"), KNOWN);

        assertThat(options.numbers("clusters", "5")).containsExactly(1, 10, 100);
        assertThat(options.number("iterations", 500)).isEqualTo(50);
        assertThat(Options.parse(List.of(), KNOWN).number("iterations", 500)).isEqualTo(500);
        assertThat(Options.parse(List.of(), KNOWN).numbers("clusters", "1,1000"))
                .containsExactly(1, 1000);
    }

    @Test
    void refusesUnknownRepeatedOrValuelessOptionsAndBadNumbers() {
        assertThatThrownBy(() -> Options.parse(List.of("--iteration", "5"), KNOWN))
                .hasMessage("Unknown option --iteration; this command knows --clusters, --iterations.");
        assertThatThrownBy(() -> Options.parse(List.of("--clusters", "1", "--clusters", "2"), KNOWN))
                .hasMessage("The option --clusters is given twice.");
        assertThatThrownBy(() -> Options.parse(List.of("--clusters"), KNOWN))
                .hasMessage("The option --clusters needs a value.");
        assertThatThrownBy(() -> Options.parse(List.of("clusters"), KNOWN)).hasMessageContaining("found 'clusters'");
        assertThatThrownBy(() ->
                        Options.parse(List.of("--iterations", "many"), KNOWN).number("iterations", 1))
                .hasMessage("The option --iterations takes a whole number, not 'many'.");
    }
}
