package dev.bulwark.connectors.mcp;

import dev.bulwark.connectors.Json;
import dev.bulwark.spi.tool.ToolDetails;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the output schema, {@code _meta} and icons of an upstream tool definition into {@link ToolDetails}, as
 * canonical JSON so that they can be pinned.
 *
 * <p>Icons are shown by agents' clients, which fetch their {@code src}: an icon is kept only when its source is an
 * {@code https:} URL or a {@code data:image/} URI (what MCP asks clients to support); if any icon has another source
 * ({@code http:}, {@code file:}, {@code javascript:} …) the tool is offered without icons and a warning says why.
 * {@code execution} (task support) is not in the SDK's tool record; it is read from the raw listing by
 * {@link ListedExecutions}.
 */
final class SdkToolDetails {
    private SdkToolDetails() {}

    /** The details and, when icons were left out, why. */
    record Read(ToolDetails details, String warning) {
    }

    /** @throws IllegalArgumentException when a part is larger than {@link ToolDetails#MAX_CHARS} */
    static Read of(McpSchema.Tool tool) {
        String outputSchema = tool.outputSchema() == null ? null : Json.canonical(tool.outputSchema());
        String meta = tool.meta() == null ? null : Json.canonical(tool.meta());
        String icons = null;
        String warning = null;
        if (tool.icons() != null) {
            List<Map<String, Object>> kept = new ArrayList<>();
            for (McpSchema.Icon icon : tool.icons()) {
                if (icon == null || !safeSource(icon.src())) {
                    kept = null;
                    warning = "icons left out: only https: and data:image/ sources are passed on";
                    break;
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("src", icon.src());
                putIfPresent(fields, "mimeType", icon.mimeType());
                putIfPresent(fields, "sizes", icon.sizes());
                putIfPresent(fields, "theme", icon.theme());
                kept.add(fields);
            }
            icons = kept == null ? null : Json.canonical(kept);
        }
        return new Read(new ToolDetails(outputSchema, meta, icons), warning);
    }

    static boolean safeSource(String src) {
        if (src == null) {
            return false;
        }
        String lower = src.strip().toLowerCase(Locale.ROOT);
        return lower.equals(src.toLowerCase(Locale.ROOT)) && (lower.startsWith("https://")
                || lower.startsWith("data:image/"));
    }

    private static void putIfPresent(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
