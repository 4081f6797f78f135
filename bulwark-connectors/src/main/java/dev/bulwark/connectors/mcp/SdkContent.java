package dev.bulwark.connectors.mcp;

import dev.bulwark.connectors.Json;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts what the MCP SDK returns into SPI results. */
final class SdkContent {
    static final String OCTET_STREAM = "application/octet-stream";

    private SdkContent() {}

    static ToolResult toResult(McpSchema.CallToolResult result) {
        List<Content> content = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content item : result.content()) {
                content.add(convert(item));
            }
        }
        // Structured output is only passed on when there is no content block carrying it already.
        if (content.isEmpty() && result.structuredContent() != null) {
            content.add(new Content.Text(Json.write(result.structuredContent())));
        }
        return new ToolResult(content, Boolean.TRUE.equals(result.isError()));
    }

    static Content convert(McpSchema.Content item) {
        return switch (item) {
            case McpSchema.TextContent text -> new Content.Text(orEmpty(text.text()));
            case McpSchema.ImageContent image -> new Content.Blob(mimeType(image.mimeType()), orEmpty(image.data()));
            case McpSchema.AudioContent audio -> new Content.Blob(mimeType(audio.mimeType()), orEmpty(audio.data()));
            case McpSchema.EmbeddedResource embedded -> convert(embedded.resource());
            case McpSchema.ResourceLink link -> new Content.Text(Json.write(linkFields(link)));
            default -> new Content.Text(Json.write(Map.of("type", String.valueOf(item.type()))));
        };
    }

    private static Content convert(McpSchema.ResourceContents resource) {
        return switch (resource) {
            case McpSchema.TextResourceContents text -> new Content.Text(orEmpty(text.text()));
            case McpSchema.BlobResourceContents blob -> new Content.Blob(mimeType(blob.mimeType()), orEmpty(blob.blob()));
            default -> new Content.Text("");
        };
    }

    private static Map<String, Object> linkFields(McpSchema.ResourceLink link) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "resource_link");
        fields.put("uri", link.uri());
        fields.put("name", link.name());
        if (link.mimeType() != null) {
            fields.put("mimeType", link.mimeType());
        }
        if (link.description() != null) {
            fields.put("description", link.description());
        }
        return fields;
    }

    private static String mimeType(String mimeType) {
        return mimeType == null || mimeType.isBlank() ? OCTET_STREAM : mimeType;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
