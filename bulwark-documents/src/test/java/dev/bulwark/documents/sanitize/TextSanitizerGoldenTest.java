package dev.bulwark.documents.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.documents.MediaType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden cases in {@code src/test/resources/sanitize/<case>/{input.html|input.txt|input.md, expected.txt}}. */
class TextSanitizerGoldenTest {
    private static final Map<String, MediaType> INPUTS = Map.of(
            "input.html", MediaType.TEXT_HTML, "input.txt", MediaType.TEXT_PLAIN, "input.md", MediaType.TEXT_MARKDOWN);

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(TextSanitizerGoldenTest.class.getResource("/sanitize").toURI());
        return Files.list(root).filter(Files::isDirectory).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sanitizesAsExpected(Path caseDirectory) throws IOException {
        Path input = INPUTS.keySet().stream().map(caseDirectory::resolve).filter(Files::exists).findFirst()
                .orElseThrow(() -> new AssertionError("no input file in " + caseDirectory));
        String expected = Files.readString(caseDirectory.resolve("expected.txt"), StandardCharsets.UTF_8).strip();
        String content = Files.readString(input, StandardCharsets.UTF_8);

        String actual = new TextSanitizer().sanitize(content, INPUTS.get(input.getFileName().toString())).text();

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void hasAtLeastFifteenGoldenCases() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void sanitizedTextHasNoInvisibleCharactersLeft() {
        StringBuilder every = new StringBuilder();
        for (int cp = 0; cp < 0x30000; cp++) {
            if (Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)) {
                every.appendCodePoint(cp);
            }
        }
        every.appendCodePoint(0xE0041).appendCodePoint(0xE0100);
        String clean = new TextSanitizer().sanitize(every.toString(), MediaType.TEXT_PLAIN).text();

        assertThat(clean.codePoints().filter(cp -> cp != '\n' && InvisibleCharacters.invisible(cp))).isEmpty();
        assertThat(clean).doesNotContain("\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad");
    }
}
