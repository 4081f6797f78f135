package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unknown tool names are echoed in errors only bounded and without control or format characters. */
class ToolNameEchoTest {
    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("test_simple_text", "test_simple_text"),
                Arguments.of("Admin/Users.list-v2", "Admin/Users.list-v2"),
                Arguments.of("a\nb\r\tc", "a?b??c"),
                Arguments.of("evil\u001b[31mred", "evil?[31mred"),
                Arguments.of("rtl\u202eoverride", "rtl?override"),
                Arguments.of("zero\u200bwidth", "zero?width"),
                Arguments.of("line\u2028sep", "line?sep"),
                Arguments.of("lone\ud800surrogate", "lone?surrogate"),
                Arguments.of("naïve 名前", "naïve 名前"),
                Arguments.of("x".repeat(128), "x".repeat(128)),
                Arguments.of("x".repeat(10_000), "x".repeat(128) + "…"),
                Arguments.of("", "(none)"),
                Arguments.of(null, "(none)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("names")
    void echoesNamesSafely(String sent, String echoed) {
        assertThat(ToolNameEcho.of(sent)).isEqualTo(echoed);
    }
}
