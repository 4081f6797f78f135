package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Registration and matching of redirect URIs, from the golden files in {@code oauth/}. */
class RedirectUrisTest {
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("registrations")
    void registrationFollowsTheGoldenCases(String verdict, String uri) {
        assertThat(RedirectUris.problem(uri).isEmpty()).as(uri).isEqualTo(verdict.equals("ok"));
    }

    @ParameterizedTest(name = "{0}: {1} <- {2}")
    @MethodSource("matches")
    void matchingFollowsTheGoldenCases(String verdict, String registered, String requested) {
        assertThat(RedirectUris.matches(requested, List.of(registered))).isEqualTo(verdict.equals("ok"));
    }

    static Stream<Object[]> registrations() throws IOException {
        return lines("oauth/redirect-uris.txt").map(l -> l.split("\\|", -1))
                .map(p -> new Object[] {p[0].trim(), p[1].trim()});
    }

    static Stream<Object[]> matches() throws IOException {
        return lines("oauth/redirect-matches.txt").map(l -> l.split(" \\| ", -1))
                .map(p -> new Object[] {p[0].trim(), p[1].trim(), p[2].trim()});
    }

    private static Stream<String> lines(String resource) throws IOException {
        try (InputStream in = RedirectUrisTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList().stream();
        }
    }
}
