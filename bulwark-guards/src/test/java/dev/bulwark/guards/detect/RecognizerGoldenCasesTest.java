package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.guard.Finding;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases as data: {@code recognizers/<case>/input.txt} and {@code expected.json} with {@code findings}
 * (type and exact text, all required), {@code absentTypes} (none of these may be reported) and {@code exact}
 * (no finding beyond the listed ones).
 */
class RecognizerGoldenCasesTest {
    private static final PatternPiiDetector DETECTOR = new PatternPiiDetector();

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(RecognizerGoldenCasesTest.class.getResource("/recognizers").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> list = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(25);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsExactlyWhatTheCaseExpects(Path dir) throws IOException {
        String input = Files.readString(dir.resolve("input.txt"), StandardCharsets.UTF_8);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        List<Finding> found = DETECTOR.detect(input);
        List<String> foundAsText = found.stream()
                .map(f -> f.type() + ":" + input.substring(f.start(), f.end())).toList();
        for (JsonNode e : expected.path("findings")) {
            assertThat(foundAsText).as("findings in %s", dir.getFileName())
                    .contains(e.path("type").asText() + ":" + e.path("text").asText());
        }
        for (JsonNode t : expected.path("absentTypes")) {
            assertThat(found).as("findings in %s", dir.getFileName()).extracting(Finding::type)
                    .doesNotContain(t.asText());
        }
        if (expected.path("exact").asBoolean()) {
            assertThat(found).as("findings in %s: %s", dir.getFileName(), foundAsText)
                    .hasSize(expected.path("findings").size());
        }
    }
}
