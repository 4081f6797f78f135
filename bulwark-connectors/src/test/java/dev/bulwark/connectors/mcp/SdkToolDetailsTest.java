package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Output schema, _meta and icons are read as canonical JSON; icons only with sources clients may safely fetch. */
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
    void readsAToolDeclaringExecutionWithoutTheExecutionTheSdkCannotCarry() throws Exception {
        // An upstream tool that declares task support still lists with its other details. McpSchema.Tool has no
        // execution field (SDK 2.1.0), so nothing of it reaches the gateway. When this fails, the SDK has gained the
        // field: pass it on as docs/security/mcp-fidelity.md says.
        McpSchema.Tool parsed = McpJsonDefaults.getMapper().readValue("""
                {"name":"t","inputSchema":{"type":"object"},"execution":{"taskSupport":"required"},
                 "_meta":{"k":"v"}}""", McpSchema.Tool.class);
        assertThat(Arrays.stream(McpSchema.Tool.class.getRecordComponents()).map(RecordComponent::getName))
                .doesNotContain("execution");
        SdkToolDetails.Read read = SdkToolDetails.of(parsed);
        assertThat(read.details().meta()).isEqualTo("{\"k\":\"v\"}");
        assertThat(read.details().outputSchema()).isNull();
        assertThat(read.warning()).isNull();
    }
}
