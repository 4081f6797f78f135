package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamServerTest {
    static final URI URL = URI.create("https://tools.example/mcp");

    @Test
    void acceptsAUrlOrACommandWithDefaults() {
        UpstreamServer http = UpstreamServer.http("github", URL);
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.mode()).isEqualTo(PinningMode.TRUST_ON_FIRST_USE);
        assertThat(http.location()).isEqualTo("https://tools.example/mcp");
        UpstreamServer stdio = UpstreamServer.stdio("files", List.of("npx", "server-files")).withEnv(Map.of("ROOT", "/d"));
        assertThat(stdio.location()).isEqualTo("command npx");
        assertThat(stdio.env()).containsEntry("ROOT", "/d");
    }

    @Test
    void requiresExactlyOneOfUrlAndCommand() {
        assertThatThrownBy(() -> new UpstreamServer("x", Optional.of(URL), List.of("cmd"), Map.of(), Map.of(),
                Set.of(), Duration.ofSeconds(1), PinningMode.MANUAL, null)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new UpstreamServer("x", Optional.empty(), List.of(), Map.of(), Map.of(),
                Set.of(), Duration.ofSeconds(1), PinningMode.MANUAL, null)).hasMessageContaining("exactly one");
    }

    @Test
    void refusesInvalidSettings() {
        assertThatThrownBy(() -> UpstreamServer.http("has.dot", URL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamServer.http("x", URI.create("file:///etc/passwd")))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> UpstreamServer.http("x", URI.create("https://user:secret@tools.example/mcp")))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> UpstreamServer.http("x", URL).withEnv(Map.of("A", "b")))
                .hasMessageContaining("env applies to a command");
        assertThatThrownBy(() -> UpstreamServer.stdio("x", List.of("cmd")).withEnv(Map.of("A=B", "c")))
                .hasMessageContaining("invalid environment variable name");
        assertThatThrownBy(() -> UpstreamServer.stdio("x", List.of("cmd", " "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamServer.http("x", URL).withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> UpstreamServer.http("x", URL).withTimeout(Duration.ofHours(1)))
                .hasMessageContaining("timeout");
    }

    @Test
    void prefixesToolsWithTheNameUnlessToldOtherwise() {
        assertThat(UpstreamServer.http("gh", URL).toolPrefix()).isEqualTo("gh.");
        assertThat(UpstreamServer.http("gh", URL).withToolPrefix("").toolPrefix()).isEmpty();
        assertThat(UpstreamServer.http("gh", URL).withToolPrefix("github/").toolPrefix()).isEqualTo("github/");
        assertThat(UpstreamServer.http("gh", URL).withToolPrefix(null).toolPrefix()).isEqualTo("gh.");
        for (String bad : new String[] {"a b", "x\n", "p:", "x".repeat(65)}) {
            assertThatThrownBy(() -> UpstreamServer.http("gh", URL).withToolPrefix(bad))
                    .hasMessageContaining("tool prefix");
        }
    }

    @Test
    void readsPinningModesFromConfigurationLabels() {
        assertThat(PinningMode.fromLabel("manual")).isEqualTo(PinningMode.MANUAL);
        assertThat(PinningMode.fromLabel(" TOFU ")).isEqualTo(PinningMode.TRUST_ON_FIRST_USE);
        assertThatThrownBy(() -> PinningMode.fromLabel("auto")).hasMessageContaining("tofu or manual");
    }
}
