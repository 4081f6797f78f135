package dev.bulwark.engine.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case under {@code src/test/resources/redaction/<case>/{input,expected}.json}. */
class KeyPatternRedactorGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(KeyPatternRedactorGoldenTest.class.getResource("/redaction").toURI());
        return Files.list(root).filter(Files::isDirectory).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void redactsLikeTheGoldenCase(Path dir) throws IOException {
        Map<String, Object> input = JSON.readValue(dir.resolve("input.json").toFile(), TREE);
        Map<String, Object> expected = JSON.readValue(dir.resolve("expected.json").toFile(), TREE);

        Map<String, Object> redacted = new KeyPatternRedactor().redact(input);

        assertThat(redacted).as(dir.getFileName().toString()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastTenCases() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(10);
    }
}
