package dev.bulwark.server.mcp;

import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentOrigin;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** Converts the gateway's tool results into MCP results. */
final class McpContent {
    private McpContent() {}

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The result as MCP carries it. Structured content is present only when no guard rewrote the output (see
     * {@link ToolResult#structuredContent()}).
     */
    static McpSchema.CallToolResult toMcp(ToolResult result) {
        List<McpSchema.Content> content = new ArrayList<>(result.content().size());
        for (int i = 0; i < result.content().size(); i++) {
            Content c = result.content().get(i);
            ContentOrigin origin = result.origins().get(i);
            if (origin != null) {
                content.add(original(c, origin));
                continue;
            }
            switch (c) {
                case Content.Text t -> content.add(new McpSchema.TextContent(t.text()));
                case Content.Blob b -> content.add(b.mimeType().startsWith("audio/")
                        ? new McpSchema.AudioContent(null, b.base64Data(), b.mimeType())
                        : new McpSchema.ImageContent(null, b.base64Data(), b.mimeType()));
            }
        }
        McpSchema.CallToolResult.Builder out = McpSchema.CallToolResult.builder().content(content)
                .isError(result.error());
        if (result.structuredContent() != null) {
            try {
                out.structuredContent(JSON.readValue(result.structuredContent(), java.util.LinkedHashMap.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("structured content is not JSON", e);
            }
        }
        return out.build();
    }

    /** An unchanged embedded resource or resource link in its original shape. */
    private static McpSchema.Content original(Content c, ContentOrigin origin) {
        return switch (origin) {
            case ContentOrigin.Link l -> new McpSchema.ResourceLink(l.name(), l.title(), l.uri(), l.description(),
                    l.mimeType(), l.size(), null, null);
            case ContentOrigin.Embedded e -> new McpSchema.EmbeddedResource(null, switch (c) {
                case Content.Text t -> new McpSchema.TextResourceContents(e.uri(), e.mimeType(), t.text());
                case Content.Blob b -> new McpSchema.BlobResourceContents(e.uri(), e.mimeType(), b.base64Data());
            });
        };
    }

    static McpSchema.CallToolResult errorText(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
