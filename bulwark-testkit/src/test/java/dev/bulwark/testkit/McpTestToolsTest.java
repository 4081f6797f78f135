package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpTestToolsTest {

    @Test
    void echoRequiresTextAndCarriesTheGivenDescription() {
        McpSchema.Tool echo = McpTestTools.echo("Says it back.").tool();
        assertThat(echo.name()).isEqualTo("echo");
        assertThat(echo.description()).isEqualTo("Says it back.");
        assertThat(echo.inputSchema()).containsEntry("required", List.of("text"));
        assertThat(echo.inputSchema().get("properties")).isEqualTo(Map.of("text", Map.of("type", "string")));
    }

    @Test
    void toolKeepsItsAnnotationsWhenGiven() {
        McpSchema.ToolAnnotations readOnly = McpSchema.ToolAnnotations.builder().readOnlyHint(true).build();
        assertThat(McpTestTools.tool("r", "d", "{\"type\": \"object\"}", readOnly,
                (exchange, request) -> McpTestTools.text("x")).tool().annotations().readOnlyHint()).isTrue();
        assertThat(McpTestTools.tool("r", "d", "{\"type\": \"object\"}", null,
                (exchange, request) -> McpTestTools.text("x")).tool().annotations()).isNull();
    }

    @Test
    void textIsOneSuccessfulTextContent() {
        McpSchema.CallToolResult result = McpTestTools.text("hello");
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).singleElement()
                .satisfies(c -> assertThat(((McpSchema.TextContent) c).text()).isEqualTo("hello"));
    }

    @Test
    void textResourceIsNamedAfterItsLastSegmentAndReadsAsPlainText() {
        var notes = McpTestTools.textResource("note://public/readme", "Welcome.");
        assertThat(notes.resource().name()).isEqualTo("readme");
        assertThat(notes.readHandler().apply(null, new McpSchema.ReadResourceRequest("note://public/readme"))
                .contents()).containsExactly(new McpSchema.TextResourceContents("note://public/readme", "text/plain",
                        "Welcome."));
    }
}
