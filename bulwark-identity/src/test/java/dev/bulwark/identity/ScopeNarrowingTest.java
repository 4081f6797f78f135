package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which scopes an authorization request is granted, from the golden file {@code oauth/scope-grants.txt}. */
class ScopeNarrowingTest {
    @ParameterizedTest(name = "{0} <- offered {1}, asked {2}")
    @MethodSource("grants")
    void grantsFollowTheGoldenCases(String granted, String offered, String requested) {
        Set<String> offer = Set.of(offered.split(" "));
        Optional<String> asked = requested.equals("<absent>") ? Optional.empty()
                : Optional.of(requested.substring(1, requested.length() - 1));
        if (granted.equals("refused")) {
            assertThatThrownBy(() -> ScopeNarrowing.grant(asked, offer)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(new TreeSet<>(ScopeNarrowing.grant(asked, offer)))
                    .containsExactlyElementsOf(new TreeSet<>(Arrays.asList(granted.split(" "))));
        }
    }

    @Test
    void aFloodOfScopeNamesIsRefused() {
        String flood = String.join(" ", java.util.Collections.nCopies(ScopeNarrowing.MAX_REQUESTED + 1, "mcp"));
        assertThatThrownBy(() -> ScopeNarrowing.grant(Optional.of(flood), Set.of("mcp")))
                .hasMessageContaining("too many");
    }

    static Stream<Object[]> grants() throws IOException {
        try (InputStream in = ScopeNarrowingTest.class.getClassLoader().getResourceAsStream("oauth/scope-grants.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(" \\| ", 3))
                    .map(p -> new Object[] {p[0].trim(), p[1].trim(), p[2].strip().equals("<absent>") ? "<absent>"
                            : p[2].substring(p[2].indexOf('['), p[2].lastIndexOf(']') + 1)})
                    .toList().stream();
        }
    }
}
