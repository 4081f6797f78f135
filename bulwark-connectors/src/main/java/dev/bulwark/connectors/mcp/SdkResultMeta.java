package dev.bulwark.connectors.mcp;

import dev.bulwark.connectors.Json;
import dev.bulwark.spi.tool.ContentAnnotations;
import dev.bulwark.spi.tool.ResultMeta;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a call result's {@code _meta} and its content blocks' {@code annotations} and {@code _meta} for delivery as
 * the upstream gave them. A part that is too large or malformed is left out (the content itself still arrives), never
 * passed on partly: these are hints and metadata, not the output.
 */
final class SdkResultMeta {
    private SdkResultMeta() {}

    /** Block indexes are those of {@code result.content()}, which the connector keeps in order. */
    static ResultMeta of(McpSchema.CallToolResult result) {
        Map<Integer, ContentAnnotations> annotations = new HashMap<>();
        Map<Integer, String> blockMeta = new HashMap<>();
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        for (int i = 0; i < content.size(); i++) {
            McpSchema.Content block = content.get(i);
            if (block instanceof McpSchema.Annotated annotated && annotated.annotations() != null) {
                ContentAnnotations read = annotations(annotated.annotations());
                if (read != null) {
                    annotations.put(i, read);
                }
            }
            String meta = meta(block.meta());
            if (meta != null) {
                blockMeta.put(i, meta);
            }
        }
        return new ResultMeta(meta(result.meta()), annotations, blockMeta);
    }

    private static ContentAnnotations annotations(McpSchema.Annotations given) {
        try {
            List<String> audience = given.audience() == null ? List.of()
                    : given.audience().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).distinct().toList();
            return new ContentAnnotations(audience, given.priority(), given.lastModified());
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static String meta(Map<String, Object> meta) {
        if (meta == null || meta.isEmpty()) {
            return null;
        }
        try {
            String json = Json.write(meta);
            return json.length() <= ResultMeta.MAX_CHARS ? json : null;
        } catch (RuntimeException unwritable) {
            return null;
        }
    }
}
