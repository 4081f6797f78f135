package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases of pin transitions, one directory each under {@code pinning/}: {@code input} holds the existing pin
 * ({@code none} or {@code STATUS approved seen}), the hash seen upstream and the pinning mode; {@code expected} the
 * resulting {@code STATUS approved seen}. Hashes are written as letters, {@code -} for none.
 */
class PinningGoldenTest {

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(PinningGoldenTest.class.getResource("/pinning").toURI());
        return Files.list(root).filter(Files::isDirectory).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void movesPinsAsTheRulesSay(Path dir) throws IOException {
        Properties input = new Properties();
        input.load(new StringReader(Files.readString(dir.resolve("input"))));
        String seenHash = hash(input.getProperty("seen"));
        UpstreamTool seen = new UpstreamTool("echo", "echo", "description " + input.getProperty("seen"),
                UpstreamTool.EMPTY_OBJECT_SCHEMA, null);
        Optional<ToolPin> existing = parse(input.getProperty("existing"));

        ToolPin next = Pinning.next(existing, "up.echo", seen, seenHash, PinningMode.fromLabel(input.getProperty("mode")),
                Instant.EPOCH);

        assertThat(render(next)).isEqualTo(Files.readString(dir.resolve("expected")).strip());
    }

    private static Optional<ToolPin> parse(String text) {
        if (text.equals("none")) {
            return Optional.empty();
        }
        String[] parts = text.split(" ");
        return Optional.of(new ToolPin("up.echo", PinStatus.valueOf(parts[0]),
                parts[1].equals("-") ? Optional.empty() : Optional.of(hash(parts[1])), hash(parts[2]),
                "description " + parts[2], UpstreamTool.EMPTY_OBJECT_SCHEMA, Instant.EPOCH));
    }

    private static String render(ToolPin pin) {
        return pin.status() + " " + pin.approvedHash().map(PinningGoldenTest::letter).orElse("-") + " "
                + letter(pin.seenHash());
    }

    private static String hash(String letter) {
        return String.valueOf((char) ('a' + letter.charAt(0) - 'A')).repeat(64);
    }

    private static String letter(String hash) {
        return String.valueOf((char) ('A' + hash.charAt(0) - 'a'));
    }
}
