package dev.bulwark.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which URIs a resource template owns: golden cases in {@code resources/uri-templates.txt}. */
class UriTemplateTest {

    static Stream<Arguments> golden() throws IOException {
        try (InputStream in = UriTemplateTest.class.getResourceAsStream("/resources/uri-templates.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .map(f -> Arguments.of(f[0], f[1], Boolean.parseBoolean(f[2])))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @MethodSource("golden")
    void matchesExactlyTheUrisItsExpressionsAllow(String template, String uri, boolean matches) {
        assertThat(UriTemplate.of(template).matches(uri)).isEqualTo(matches);
    }

    @Test
    void overlongTemplatesAndUrisMatchNothing() {
        assertThat(UriTemplate.of("x://" + "a".repeat(UriTemplate.MAX_CHARS) + "{id}").matches("x://a1")).isFalse();
        assertThat(UriTemplate.of("x://{+id}").matches("x://" + "a".repeat(UriTemplate.MAX_CHARS))).isFalse();
        assertThat(UriTemplate.of(null).matches("x://1")).isFalse();
        assertThat(UriTemplate.of("x://{id}").matches(null)).isFalse();
    }

    @Test
    void regularExpressionCharactersInLiteralsAreLiterals() {
        assertThat(UriTemplate.of("x://a.*(b)/{id}").matches("x://a.*(b)/1")).isTrue();
        assertThat(UriTemplate.of("x://a.*(b)/{id}").matches("x://aXXb/1")).isFalse();
    }
}
