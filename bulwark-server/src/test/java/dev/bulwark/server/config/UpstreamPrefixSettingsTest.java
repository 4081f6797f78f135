package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code upstreams[].prefix}: true (default), false, or a prefix string; anything else is refused at load. */
class UpstreamPrefixSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    static Stream<Arguments> prefixes() {
        return Stream.of(
                Arguments.of("", "gh."),
                Arguments.of(", prefix: true", "gh."),
                Arguments.of(", prefix: false", ""),
                Arguments.of(", prefix: 'github/'", "github/"),
                Arguments.of(", prefix: ''", ""),
                Arguments.of(", prefix: GH_", "GH_"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("prefixes")
    void readsThePrefix(String setting, String expected) {
        BulwarkConfig config = loader.parse("upstreams:\n  - {name: gh, url: 'http://a/mcp'" + setting + "}\n",
                "a.yaml");
        assertThat(config.upstreams().getFirst().toolPrefix()).isEqualTo(expected);
    }

    @Test
    void refusesPrefixesThatAreNotBooleansOrValidStrings() {
        assertThatThrownBy(() -> loader.parse("upstreams:\n  - {name: gh, url: 'http://a/mcp', prefix: 3}\n",
                "b.yaml")).isInstanceOf(ConfigException.class).hasMessageContaining("b.yaml")
                .hasMessageContaining("prefix must be true, false or a string");
        assertThatThrownBy(() -> loader.parse("upstreams:\n  - {name: gh, url: 'http://a/mcp', prefix: {a: 1}}\n",
                "b.yaml")).isInstanceOf(ConfigException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> loader.parse("upstreams:\n  - {name: gh, url: 'http://a/mcp', prefix: 'a b'}\n",
                "b.yaml")).isInstanceOf(ConfigException.class).hasMessageContaining("at most 64");
    }
}
