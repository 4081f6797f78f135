package dev.bulwark.connectors.mcp;

import dev.bulwark.connectors.Json;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentOrigin;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts what the MCP SDK returns into SPI results. Public for the gateway's resources door, which converts
 * resource contents and prompt messages the same way as tool output.
 */
public final class SdkContent {
    static final String OCTET_STREAM = "application/octet-stream";
    /**
     * Most characters of text and base64 data one call may return (4 Mi). Upstream output is untrusted and goes on
     * to guards, the audit log and the agent, so a flood is refused rather than passed on or truncated unseen.
     */
    static final int MAX_OUTPUT_CHARS = 4 * 1024 * 1024;
    /**
     * Most content blocks one call may return. Each block is screened, marked (spotlighting wraps each text block) and
     * recorded on its own, so a hundred thousand one-character blocks within the character bound grew tenfold on the
     * way to the agent, past what its client would read (red team round 2).
     */
    static final int MAX_CONTENT_ITEMS = 1_000;

    private SdkContent() {}

    /**
     * Converts a call result.
     *
     * @throws OversizedOutputException when the content together holds more than {@code maxChars} characters, or
     *                                  more than {@link #MAX_CONTENT_ITEMS} blocks
     */
    static ToolResult toResult(McpSchema.CallToolResult result, int maxChars) {
        List<Content> content = new ArrayList<>();
        Map<Integer, ContentOrigin> origins = new java.util.HashMap<>();
        long size = 0;
        if (result.content() != null) {
            if (result.content().size() > MAX_CONTENT_ITEMS) {
                throw new OversizedOutputException("output has more than " + MAX_CONTENT_ITEMS + " content blocks");
            }
            for (McpSchema.Content item : result.content()) {
                Content converted = convert(item);
                ContentOrigin origin = origin(item);
                if (origin != null) {
                    origins.put(content.size(), origin);
                }
                size += size(converted);
                if (size > maxChars) {
                    throw new OversizedOutputException(maxChars);
                }
                content.add(converted);
            }
        }
        String structured = null;
        if (result.structuredContent() instanceof Map<?, ?> object) {
            structured = Json.write(object);
            // Guards read text only: structured output is passed on only with a text block carrying the same JSON
            // (as MCP asks tools to send anyway), so what guards screened is what the structure holds. An upstream
            // that sends none gets one added.
            if (!mirrored(content, object)) {
                Content mirror = new Content.Text(structured);
                size += size(mirror);
                content.add(mirror);
            }
            // Not counted again: it equals a text block that was, so it at most doubles what is passed on.
            if (size > maxChars) {
                throw new OversizedOutputException(maxChars);
            }
        } else if (result.structuredContent() != null) {
            // Not an object, which MCP does not allow: passed on as text only, for guards to read.
            Content text = new Content.Text(Json.write(result.structuredContent()));
            if (size + size(text) > maxChars) {
                throw new OversizedOutputException(maxChars);
            }
            content.add(text);
        }
        return new ToolResult(content, Boolean.TRUE.equals(result.isError()), java.util.Set.of(), structured,
                origins, SdkResultMeta.of(result));
    }

    /** Whether a text block holds JSON equal to {@code object}. */
    private static boolean mirrored(List<Content> content, Map<?, ?> object) {
        String expected = Json.canonical(object);
        for (Content c : content) {
            if (c instanceof Content.Text t && t.text().strip().startsWith("{")) {
                try {
                    if (Json.canonical(Json.readObject(t.text())).equals(expected)) {
                        return true;
                    }
                } catch (RuntimeException notJson) {
                    // not this block
                }
            }
        }
        return false;
    }

    /** Thrown when a result is larger than allowed. */
    static final class OversizedOutputException extends RuntimeException {
        OversizedOutputException(int maxChars) {
            this("output exceeds " + maxChars + " characters");
        }

        OversizedOutputException(String why) {
            super(why, null, false, false);
        }
    }

    private static long size(Content content) {
        return switch (content) {
            case Content.Text text -> text.text().length();
            case Content.Blob blob -> blob.base64Data().length() + blob.mimeType().length();
        };
    }

    /** One content block as guards read it: text, binary data, or a link's fields as JSON text. */
    public static Content convert(McpSchema.Content item) {
        return switch (item) {
            case McpSchema.TextContent text -> new Content.Text(orEmpty(text.text()));
            case McpSchema.ImageContent image -> new Content.Blob(mimeType(image.mimeType()), orEmpty(image.data()));
            case McpSchema.AudioContent audio -> new Content.Blob(mimeType(audio.mimeType()), orEmpty(audio.data()));
            case McpSchema.EmbeddedResource embedded -> convert(embedded.resource());
            case McpSchema.ResourceLink link -> new Content.Text(Json.write(linkFields(link)));
            default -> new Content.Text(Json.write(Map.of("type", String.valueOf(item.type()))));
        };
    }

    /** One resource's contents as text or binary data. */
    public static Content convert(McpSchema.ResourceContents resource) {
        return switch (resource) {
            case McpSchema.TextResourceContents text -> new Content.Text(orEmpty(text.text()));
            case McpSchema.BlobResourceContents blob -> new Content.Blob(mimeType(blob.mimeType()), orEmpty(blob.blob()));
            default -> new Content.Text("");
        };
    }

    /** Where an embedded resource or a link came from; {@code null} for other blocks or unusable fields. */
    static ContentOrigin origin(McpSchema.Content item) {
        try {
            return switch (item) {
                case McpSchema.EmbeddedResource embedded when embedded.resource() instanceof McpSchema.TextResourceContents
                        || embedded.resource() instanceof McpSchema.BlobResourceContents ->
                        bounded(embedded.resource().uri(), embedded.resource().mimeType())
                                ? new ContentOrigin.Embedded(embedded.resource().uri(), embedded.resource().mimeType())
                                : null;
                case McpSchema.ResourceLink link -> new ContentOrigin.Link(link.uri(), link.name(), link.title(),
                        link.description(), link.mimeType(), link.size());
                default -> null;
            };
        } catch (IllegalArgumentException unusable) {
            return null; // delivered as the text or binary content it was read as
        }
    }

    /** Longest URI (and MIME type) of an embedded resource kept: guards do not read them, so they stay small. */
    static final int MAX_EMBEDDED_URI_CHARS = 2048;

    private static boolean bounded(String uri, String mimeType) {
        return uri != null && uri.length() <= MAX_EMBEDDED_URI_CHARS
                && (mimeType == null || mimeType.length() <= 255);
    }

    private static Map<String, Object> linkFields(McpSchema.ResourceLink link) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "resource_link");
        fields.put("uri", link.uri());
        fields.put("name", link.name());
        if (link.title() != null) {
            fields.put("title", link.title());
        }
        if (link.size() != null) {
            fields.put("size", link.size());
        }
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
