package dev.bulwark.server.mcp;

import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentAnnotations;
import dev.bulwark.spi.tool.ContentOrigin;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            McpSchema.Annotations annotations = annotations(result.meta().annotations().get(i));
            Map<String, Object> meta = object(result.meta().blockMeta().get(i));
            if (origin != null) {
                content.add(original(c, origin, annotations, meta));
                continue;
            }
            switch (c) {
                case Content.Text t -> content.add(new McpSchema.TextContent(annotations, t.text(), meta));
                case Content.Blob b -> content.add(b.mimeType().startsWith("audio/")
                        ? new McpSchema.AudioContent(annotations, b.base64Data(), b.mimeType(), meta)
                        : new McpSchema.ImageContent(annotations, b.base64Data(), b.mimeType(), meta));
            }
        }
        McpSchema.CallToolResult.Builder out = McpSchema.CallToolResult.builder().content(content)
                .isError(result.error());
        if (result.meta().meta() != null) {
            out.meta(object(result.meta().meta()));
        }
        if (result.structuredContent() != null) {
            try {
                out.structuredContent(JSON.readValue(result.structuredContent(), java.util.LinkedHashMap.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("structured content is not JSON", e);
            }
        }
        return out.build();
    }

    /** An embedded resource or resource link in its original shape. */
    private static McpSchema.Content original(Content c, ContentOrigin origin, McpSchema.Annotations annotations,
                                              Map<String, Object> meta) {
        return switch (origin) {
            case ContentOrigin.Link l -> new McpSchema.ResourceLink(l.name(), l.title(), l.uri(), l.description(),
                    l.mimeType(), l.size(), annotations, meta);
            case ContentOrigin.Embedded e -> new McpSchema.EmbeddedResource(annotations, switch (c) {
                case Content.Text t -> new McpSchema.TextResourceContents(e.uri(), e.mimeType(), t.text());
                case Content.Blob b -> new McpSchema.BlobResourceContents(e.uri(), e.mimeType(), b.base64Data());
            }, meta);
        };
    }

    private static McpSchema.Annotations annotations(ContentAnnotations given) {
        if (given == null) {
            return null;
        }
        List<McpSchema.Role> audience = given.audience().isEmpty() ? null : given.audience().stream()
                .map(role -> McpSchema.Role.valueOf(role.toUpperCase(java.util.Locale.ROOT))).toList();
        return new McpSchema.Annotations(audience, given.priority(), given.lastModified());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, java.util.LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("_meta is not JSON", e);
        }
    }

    static McpSchema.CallToolResult errorText(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
