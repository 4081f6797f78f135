package dev.bulwark.injection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases in {@code src/test/resources/injection/<case>/}: {@code input.txt} and {@code expected.json} with
 * {@code verdict} ({@code injection}: score at least the default quarantine threshold; {@code suspicious}: labelled but
 * below the quarantine threshold; {@code clean}: below the label threshold) and optionally {@code signals} that must be
 * among the findings.
 */
class InjectionGoldenCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The detector as the demo gateway builds it: it knows the demo's tool names. */
    private static final HeuristicInjectionDetector DETECTOR = new HeuristicInjectionDetector(
            DetectionSettings.defaults(), () -> LabelledTexts.DEMO_TOOLS);
    private static final InjectionPolicy POLICY = InjectionPolicy.defaults();

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(InjectionGoldenCasesTest.class.getResource("/injection").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> all = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(69);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesExpectedVerdict(Path dir) throws IOException {
        String input = Files.readString(dir.resolve("input.txt"), StandardCharsets.UTF_8);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        InjectionVerdict verdict = DETECTOR.assess(input);

        String verdictName = expected.path("verdict").asText();
        if (verdictName.equals("injection")) {
            assertThat(verdict.score()).as("score of %s, reasons %s", dir.getFileName(), verdict.reasons())
                    .isGreaterThanOrEqualTo(POLICY.quarantineAt());
        } else if (verdictName.equals("suspicious")) {
            assertThat(verdict.score()).as("score of %s, reasons %s", dir.getFileName(), verdict.reasons())
                    .isGreaterThanOrEqualTo(POLICY.labelAt()).isLessThan(POLICY.quarantineAt());
        } else {
            assertThat(verdictName).isEqualTo("clean");
            assertThat(verdict.score()).as("score of %s, reasons %s", dir.getFileName(), verdict.reasons())
                    .isLessThan(POLICY.labelAt());
        }
        List<String> signals = new ArrayList<>();
        expected.path("signals").forEach(s -> signals.add(s.asText()));
        assertThat(verdict.signals()).containsAll(signals);
        verdict.reasons().forEach(f -> assertThat(f.end()).isLessThanOrEqualTo(input.length()));
    }
}
