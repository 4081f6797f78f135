package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.ContentAnnotations;
import dev.bulwark.spi.tool.ResultMeta;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkResultMetaTest {
    @Test
    void readsResultMetaAndEachBlocksAnnotationsAndMetaByIndex() {
        McpSchema.CallToolResult result = new McpSchema.CallToolResult(List.of(
                new McpSchema.TextContent("plain"),
                new McpSchema.TextContent(new McpSchema.Annotations(List.of(McpSchema.Role.ASSISTANT,
                        McpSchema.Role.USER), 0.2), "annotated", Map.of("k", "v"))), false, null, Map.of("r", 1));

        ResultMeta meta = SdkResultMeta.of(result);

        assertThat(meta.meta()).isEqualTo("{\"r\":1}");
        assertThat(meta.annotations()).containsOnlyKeys(1)
                .containsEntry(1, new ContentAnnotations(List.of("assistant", "user"), 0.2, null));
        assertThat(meta.blockMeta()).containsOnly(Map.entry(1, "{\"k\":\"v\"}"));
    }

    @Test
    void leavesOutWhatIsTooLargeOrMalformedButNotTheRest() {
        McpSchema.CallToolResult result = new McpSchema.CallToolResult(List.of(
                new McpSchema.TextContent(new McpSchema.Annotations(null, 7.0), "bad priority", Map.of("ok", true))),
                false, null, Map.of("huge", "x".repeat(ResultMeta.MAX_CHARS)));

        ResultMeta meta = SdkResultMeta.of(result);

        assertThat(meta.meta()).isNull();
        assertThat(meta.annotations()).isEmpty();
        assertThat(meta.blockMeta()).containsEntry(0, "{\"ok\":true}");
    }

    @Test
    void aResultWithNoneCarriesNone() {
        assertThat(SdkResultMeta.of(McpSchema.CallToolResult.builder().addTextContent("x").build()).isEmpty()).isTrue();
    }
}
