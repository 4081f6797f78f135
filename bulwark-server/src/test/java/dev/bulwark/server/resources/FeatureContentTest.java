package dev.bulwark.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Screened output is delivered in the upstream's shape: unchanged items exactly as given, changed items with the
 * guard's text or data in the same kind of block; output that no longer fits its shape is refused.
 */
class FeatureContentTest {
    private static final McpSchema.Annotations NOTE = new McpSchema.Annotations(List.of(McpSchema.Role.USER), 0.5);

    @Test
    void unchangedReadsAreDeliveredExactlyAsGiven() {
        var original = new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents("a://1", "text/markdown", "# hi"),
                new McpSchema.BlobResourceContents("a://2", "image/png", "AAAA")));
        var shape = new FeatureContent.Read(original);
        assertThat(FeatureContent.read(shape, FeatureContent.toResult(shape))).isEqualTo(original);
    }

    @Test
    void aChangedReadKeepsItsUriAndMimeType() {
        var shape = new FeatureContent.Read(new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents("a://1", "text/plain", "mail bob@example.com"))));
        var screened = new ToolResult(List.of(new Content.Text("mail [EMAIL]")), false);
        assertThat(FeatureContent.read(shape, screened).contents()).containsExactly(
                new McpSchema.TextResourceContents("a://1", "text/plain", "mail [EMAIL]"));
    }

    @Test
    void promptsKeepRolesAnnotationsAndEmbeddedResourcesWhereAGuardChangedText() {
        var original = new McpSchema.GetPromptResult("desc", List.of(
                new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(NOTE, "one")),
                new McpSchema.PromptMessage(McpSchema.Role.ASSISTANT, new McpSchema.EmbeddedResource(NOTE,
                        new McpSchema.TextResourceContents("a://1", "text/plain", "secret"))),
                new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.ImageContent(NOTE, "AAAA",
                        "image/png"))));
        var shape = new FeatureContent.Prompt(original, true);
        ToolResult result = FeatureContent.toResult(shape);
        assertThat(result.content()).hasSize(4).first().isEqualTo(new Content.Text("desc"));
        assertThat(FeatureContent.prompt(shape, result)).isEqualTo(original);

        var screened = new ToolResult(List.of(new Content.Text("desc"), new Content.Text("one"),
                new Content.Text("[REDACTED]"), result.content().get(3)), false);
        var delivered = FeatureContent.prompt(shape, screened);
        assertThat(delivered.messages().get(0)).isEqualTo(original.messages().get(0));
        assertThat(delivered.messages().get(1)).isEqualTo(new McpSchema.PromptMessage(McpSchema.Role.ASSISTANT,
                new McpSchema.EmbeddedResource(NOTE, new McpSchema.TextResourceContents("a://1", "text/plain",
                        "[REDACTED]"))));
        assertThat(delivered.messages().get(2)).isEqualTo(original.messages().get(2));
    }

    @Test
    void completionValuesAreTheScreenedTexts() {
        var shape = new FeatureContent.Completion(new McpSchema.CompleteResult(
                new McpSchema.CompleteResult.CompleteCompletion(List.of("a", "b@example.com"), 7, true)));
        var screened = new ToolResult(List.of(new Content.Text("a"), new Content.Text("[EMAIL]")), false);
        var delivered = FeatureContent.completion(shape, screened).completion();
        assertThat(delivered.values()).containsExactly("a", "[EMAIL]");
        assertThat(delivered.total()).isEqualTo(7);
        assertThat(delivered.hasMore()).isTrue();
    }

    @Test
    void outputThatNoLongerFitsItsShapeIsWithheld() {
        var shape = new FeatureContent.Read(new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents("a://1", "text/plain", "x"))));
        assertThatThrownBy(() -> FeatureContent.read(shape, new ToolResult(List.of(), false)))
                .isInstanceOf(FeatureContent.Unfit.class);
        var completion = new FeatureContent.Completion(new McpSchema.CompleteResult(
                new McpSchema.CompleteResult.CompleteCompletion(List.of("a"))));
        assertThatThrownBy(() -> FeatureContent.completion(completion, new ToolResult(List.of(
                new Content.Blob("image/png", "AAAA")), false))).isInstanceOf(FeatureContent.Unfit.class);
    }

    @Test
    void oversizedUpstreamOutputIsWithheld() {
        var shape = new FeatureContent.Read(new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents("a://1", "text/plain", "x".repeat(FeatureContent.MAX_CHARS + 1)))));
        assertThatThrownBy(() -> FeatureContent.toResult(shape)).isInstanceOf(FeatureContent.Unfit.class);
    }
}
