package dev.bulwark.spi.tool;

/**
 * The hints a tool's author gave about it (MCP's {@code ToolAnnotations}), kept exactly as given: a {@code null}
 * field means the author said nothing, which is not the same as {@code false} (MCP gives unset hints defaults, e.g. an
 * unset {@code destructiveHint} means "may be destructive"). Hints are the author's claims, never trusted by Bulwark:
 * the tool's {@link ToolKind} and the policies decide.
 *
 * @param title           a human-readable title, or {@code null}
 * @param readOnlyHint    whether the tool claims not to modify its environment, or {@code null}
 * @param destructiveHint whether the tool claims it may destroy data, or {@code null}
 * @param idempotentHint  whether the tool claims repeated calls have no further effect, or {@code null}
 * @param openWorldHint   whether the tool claims to reach an open world of external entities, or {@code null}
 */
public record ToolAnnotations(String title, Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint,
                              Boolean openWorldHint) {
    /** Longest title accepted, in characters: it is shown to people and models, so it is bounded like text. */
    public static final int MAX_TITLE_CHARS = 1024;

    public ToolAnnotations {
        if (title != null && title.length() > MAX_TITLE_CHARS) {
            throw new IllegalArgumentException("annotation title longer than " + MAX_TITLE_CHARS + " characters");
        }
    }

    /** Only a read-only hint (what Bulwark states for its own connectors' tools, from their kind). */
    public static ToolAnnotations readOnly(boolean readOnly) {
        return new ToolAnnotations(null, readOnly, null, null, null);
    }
}
