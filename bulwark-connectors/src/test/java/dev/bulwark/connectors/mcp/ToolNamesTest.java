package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream tool names keep MCP's full tool-name grammar; names outside it are refused, never rewritten. */
class ToolNamesTest {
    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("search_issues", "search_issues"),
                Arguments.of("get-file", "get-file"),
                Arguments.of("files.read", "files.read"),
                Arguments.of("admin/tools/list", "admin/tools/list"),
                Arguments.of("GetUser", "GetUser"),
                Arguments.of("DATA_EXPORT_v2", "DATA_EXPORT_v2"),
                Arguments.of("a", "a"),
                Arguments.of("...", "..."),
                Arguments.of("x".repeat(128), "x".repeat(128)),
                Arguments.of("x".repeat(129), null),
                Arguments.of("weird name!", null),
                Arguments.of("naïve", null),
                Arguments.of("tool,other", null),
                Arguments.of("a\\b", null),
                Arguments.of("tool\n", null),
                Arguments.of("tool\u0000", null),
                Arguments.of("", null),
                Arguments.of(null, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("names")
    void keepsValidNamesExactlyAndRefusesTheRest(String upstream, String expected) {
        assertThat(ToolNames.localName(upstream)).isEqualTo(Optional.ofNullable(expected));
    }
}
