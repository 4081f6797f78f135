package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.guard.Detector;
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
 * Secret golden cases as data: {@code secrets/<case>/input.txt} and {@code expected.json} ({@code findings} with type
 * and exact text, {@code absentTypes}, {@code exact}); each case must hold for the secret detector and for the PII
 * detector's secret findings alike.
 */
class SecretGoldenCasesTest {
    private static final List<Detector> DETECTORS = List.of(new SecretDetector(), new PatternPiiDetector());

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(SecretGoldenCasesTest.class.getResource("/secrets").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> list = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(20);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsExactlyTheSecretsTheCaseExpects(Path dir) throws IOException {
        String input = Files.readString(dir.resolve("input.txt"), StandardCharsets.UTF_8);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        for (Detector detector : DETECTORS) {
            List<Finding> found = detector.detect(input).stream()
                    .filter(f -> SecretShapes.TYPES.contains(f.type())).toList();
            List<String> foundAsText = found.stream()
                    .map(f -> f.type() + ":" + input.substring(f.start(), f.end())).toList();
            String as = dir.getFileName() + " by " + detector.name();
            for (JsonNode e : expected.path("findings")) {
                assertThat(foundAsText).as(as).contains(e.path("type").asText() + ":" + e.path("text").asText());
            }
            for (JsonNode t : expected.path("absentTypes")) {
                assertThat(found).as(as).extracting(Finding::type).doesNotContain(t.asText());
            }
            if (expected.path("exact").asBoolean()) {
                assertThat(found).as(as + ": " + foundAsText).hasSize(expected.path("findings").size());
            }
        }
    }
}
