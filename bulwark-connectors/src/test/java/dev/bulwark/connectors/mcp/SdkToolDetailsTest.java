package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.ToolExecution;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Output schema, _meta and icons are read as canonical JSON; icons only with sources clients may safely fetch;
 * execution comes from the raw listing.
 */
class SdkToolDetailsTest {
    private static McpSchema.Tool.Builder tool() {
        return McpSchema.Tool.builder().name("t").description("d").inputSchema(McpJsonDefaults.getMapper(),
                "{\"type\":\"object\"}");
    }

    @Test
    void readsNothingWhenTheToolHasNoDetails() {
        SdkToolDetails.Read read = SdkToolDetails.of(tool().build());
        assertThat(read.details().outputSchema()).isNull();
        assertThat(read.details().meta()).isNull();
        assertThat(read.details().icons()).isNull();
        assertThat(read.warning()).isNull();
    }

    @Test
    void readsOutputSchemaMetaAndIconsCanonically() {
        SdkToolDetails.Read read = SdkToolDetails.of(tool()
                .outputSchema(Map.of("type", "object", "properties", Map.of("n", Map.of("type", "number"))))
                .meta(Map.of("z", 1, "a", List.of(true)))
                .icons(List.of(new McpSchema.Icon("https://a.example/i.png", "image/png", List.of("48x48"), null),
                        new McpSchema.Icon("data:image/svg+xml;base64,PHN2Zy8+", null, null, "dark")))
                .build());
        assertThat(read.details().outputSchema())
                .isEqualTo("{\"properties\":{\"n\":{\"type\":\"number\"}},\"type\":\"object\"}");
        assertThat(read.details().meta()).isEqualTo("{\"a\":[true],\"z\":1}");
        assertThat(read.details().icons()).isEqualTo("[{\"mimeType\":\"image/png\",\"sizes\":[\"48x48\"],"
                + "\"src\":\"https://a.example/i.png\"},{\"src\":\"data:image/svg+xml;base64,PHN2Zy8+\",\"theme\":\"dark\"}]");
        assertThat(read.warning()).isNull();
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("https://a.example/i.png", true),
                Arguments.of("HTTPS://A.EXAMPLE/I.PNG", true),
                Arguments.of("data:image/png;base64,iVBOR", true),
                Arguments.of("http://a.example/i.png", false),
                Arguments.of("file:///etc/passwd", false),
                Arguments.of("javascript:alert(1)", false),
                Arguments.of("data:text/html,<script>", false),
                Arguments.of(" https://a.example/i.png", false),
                Arguments.of("//a.example/i.png", false),
                Arguments.of("", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("sources")
    void passesIconsOnlyWithHttpsOrDataImageSources(String src, boolean kept) {
        SdkToolDetails.Read read = SdkToolDetails.of(tool().icons(List.of(
                new McpSchema.Icon("https://ok.example/a.png", null, null, null),
                new McpSchema.Icon(src, null, null, null))).build());
        assertThat(read.details().icons() != null).isEqualTo(kept);
        assertThat(read.warning() == null).isEqualTo(kept);
    }

    @Test
    void refusesOversizedMeta() {
        McpSchema.Tool huge = tool().meta(Map.of("blob", "x".repeat(70_000))).build();
        assertThatThrownBy(() -> SdkToolDetails.of(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meta longer than");
    }

    @Test
    void readsExecutionFromTheRawListingBecauseTheSdksToolRecordDropsIt() throws Exception {
        // McpSchema.Tool has no execution field (SDK 2.1.0), so the SDK's record alone loses it; the gateway reads it
        // from the raw tools/list tree the SDK converts (ListedExecutions). When the record gains the field, read it
        // from the record instead, as docs/security/mcp-fidelity.md says.
        String json = """
                {"tools":[{"name":"t","inputSchema":{"type":"object"},"execution":{"taskSupport":"required"},
                 "_meta":{"k":"v"}}]}""";
        Map<String, Object> raw = McpJsonDefaults.getMapper().readValue(json,
                new io.modelcontextprotocol.json.TypeRef<Map<String, Object>>() { });
        McpSchema.ListToolsResult parsed = McpJsonDefaults.getMapper().convertValue(raw,
                McpSchema.ListToolsResult.class);
        assertThat(Arrays.stream(McpSchema.Tool.class.getRecordComponents()).map(RecordComponent::getName))
                .doesNotContain("execution");
        SdkToolDetails.Read read = SdkToolDetails.of(parsed.tools().getFirst());
        assertThat(read.details().meta()).isEqualTo("{\"k\":\"v\"}");
        assertThat(read.details().execution()).as("not in the SDK's record").isNull();
        ListedExecutions executions = new ListedExecutions();
        executions.record(raw, parsed);
        assertThat(executions.of(parsed.tools().getFirst()).execution())
                .isEqualTo(new ToolExecution(ToolExecution.TaskSupport.REQUIRED));
    }
}
