package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.ToolExecution;
import dev.bulwark.spi.tool.ToolExecution.TaskSupport;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A tool's execution is read only in MCP's shape; anything else is left out with a warning that quotes nothing. */
class SdkToolExecutionTest {
    @Test
    void readsNothingWhenTheToolDeclaresNoExecution() {
        assertThat(SdkToolExecution.of(false, null)).isEqualTo(SdkToolExecution.Read.NONE);
    }

    @Test
    void readsEachTaskSupportValueAndTheEmptyObjectAsGiven() {
        for (TaskSupport support : TaskSupport.values()) {
            SdkToolExecution.Read read = SdkToolExecution.of(true, Map.of("taskSupport", support.wire()));
            assertThat(read.execution()).isEqualTo(new ToolExecution(support));
            assertThat(read.warning()).isNull();
            assertThat(read.execution().wire()).isEqualTo(Map.of("taskSupport", support.wire()));
        }
        SdkToolExecution.Read empty = SdkToolExecution.of(true, Map.of());
        assertThat(empty.execution()).isEqualTo(ToolExecution.UNSTATED);
        assertThat(empty.execution().wire()).isEqualTo(Map.of());
    }

    static Stream<Arguments> hostile() {
        Map<String, Object> huge = new HashMap<>();
        IntStream.range(0, 100_000).forEach(i -> huge.put("k" + i, "SECRET-" + i));
        Map<String, Object> nullSupport = new HashMap<>();
        nullSupport.put("taskSupport", null);
        return Stream.of(
                Arguments.of("a string", "required"),
                Arguments.of("null", null),
                Arguments.of("a list", List.of(Map.of("taskSupport", "required"))),
                Arguments.of("a number", 1),
                Arguments.of("upper case", Map.of("taskSupport", "REQUIRED")),
                Arguments.of("an unknown value", Map.of("taskSupport", "sometimes-SECRET")),
                Arguments.of("a number value", Map.of("taskSupport", 2)),
                Arguments.of("a boolean value", Map.of("taskSupport", true)),
                Arguments.of("an object value", Map.of("taskSupport", Map.of("required", true))),
                Arguments.of("a null value", nullSupport),
                Arguments.of("a padded value", Map.of("taskSupport", " required")),
                Arguments.of("another key", Map.of("SECRET-key", "x")),
                Arguments.of("a known and another key", Map.of("taskSupport", "optional", "x", 1)),
                Arguments.of("a huge object", huge),
                Arguments.of("a deep object", deep(10_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void leavesOutAnythingButMcpsShapeWithAWarningThatQuotesNothing(String what, Object raw) {
        SdkToolExecution.Read read = SdkToolExecution.of(true, raw);
        assertThat(read.execution()).isNull();
        assertThat(read.warning()).isEqualTo(SdkToolExecution.LEFT_OUT).doesNotContain("SECRET");
    }

    @Test
    void namesOnlyMcpsValuesExactly() {
        assertThat(Arrays.stream(TaskSupport.values()).map(TaskSupport::wire))
                .containsExactly("forbidden", "optional", "required");
        assertThat(TaskSupport.fromWire("Optional")).isEmpty();
        assertThat(TaskSupport.fromWire(null)).isEmpty();
        assertThat(TaskSupport.fromWire("optional")).contains(TaskSupport.OPTIONAL);
    }

    private static Object deep(int levels) {
        Object value = "required";
        for (int i = 0; i < levels; i++) {
            value = Map.of("taskSupport", value);
        }
        return value;
    }
}
