package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.Content;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkContentTest {
    private static McpSchema.CallToolResult result(McpSchema.Content... content) {
        return McpSchema.CallToolResult.builder().content(List.of(content)).isError(false).build();
    }

    @Test
    void countsTextAndBlobsOfAllBlocksTogether() {
        McpSchema.CallToolResult twoBlocks = result(new McpSchema.TextContent("12345"),
                new McpSchema.ImageContent(null, "QUJD", "image/png"));
        assertThat(SdkContent.toResult(twoBlocks, 5 + 4 + "image/png".length()).content())
                .containsExactly(new Content.Text("12345"), new Content.Blob("image/png", "QUJD"));
        assertThatThrownBy(() -> SdkContent.toResult(twoBlocks, 5 + 4 + "image/png".length() - 1))
                .isInstanceOf(SdkContent.OversizedOutputException.class).hasMessage("output exceeds 17 characters");
    }

    @Test
    void boundsStructuredOutputPassedOnAsText() {
        McpSchema.CallToolResult structured = McpSchema.CallToolResult.builder()
                .structuredContent(Map.of("k", "v".repeat(100))).build();
        assertThat(SdkContent.toResult(structured, 200).joinedText()).contains("\"k\"");
        assertThatThrownBy(() -> SdkContent.toResult(structured, 100))
                .isInstanceOf(SdkContent.OversizedOutputException.class);
    }
}
