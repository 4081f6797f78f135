package dev.bulwark.spi.tool;

/**
 * The rest of an MCP tool definition, passed on to agents exactly as the tool's author gave it; each part is JSON
 * text (canonical, as pinned) or {@code null} when the author gave none (then none is advertised).
 *
 * @param outputSchema JSON Schema (an object) of the tool's {@code structuredContent}
 * @param meta         the definition's {@code _meta} object
 * @param icons        the definition's {@code icons} array
 * @param execution    the definition's {@code execution} (task support), or {@code null} when the author gave none
 */
public record ToolDetails(String outputSchema, String meta, String icons, ToolExecution execution) {
    /** Largest part accepted, in characters. */
    public static final int MAX_CHARS = 64 * 1024;
    public static final ToolDetails NONE = new ToolDetails(null, null, null, null);

    public ToolDetails {
        check(outputSchema, '{', "outputSchema");
        check(meta, '{', "meta");
        check(icons, '[', "icons");
    }

    /** Details without {@code execution}. */
    public ToolDetails(String outputSchema, String meta, String icons) {
        this(outputSchema, meta, icons, null);
    }

    /** These details with {@code execution} instead of the present one. */
    public ToolDetails withExecution(ToolExecution execution) {
        return new ToolDetails(outputSchema, meta, icons, execution);
    }

    private static void check(String json, char opening, String field) {
        if (json == null) {
            return;
        }
        if (json.isEmpty() || json.charAt(0) != opening) {
            throw new IllegalArgumentException(field + " must be JSON starting with " + opening);
        }
        if (json.length() > MAX_CHARS) {
            throw new IllegalArgumentException(field + " longer than " + MAX_CHARS + " characters");
        }
    }
}
