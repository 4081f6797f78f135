package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;
import java.util.List;

/**
 * What a tool returned.
 *
 * @param content the output, in order
 * @param error   whether the tool reports a failure (MCP's {@code isError}); the call itself still completed
 * @param labels  labels of the data actually returned (e.g. {@code pii} for a column that held personal data, the
 *                confidentiality of a retrieved document), added to the tool's static output labels
 * @param structuredContent MCP's {@code structuredContent}, as the JSON text of an object, or {@code null}. It is
 *                only set when a text block of {@code content} carries the same JSON, so guards, which read text,
 *                have screened it; a guard that rewrites output builds a new result without it (every constructor
 *                but the canonical one leaves it out), so structured data can never contradict screened text
 * @param origins the MCP block that content at an index was read from (embedded resource, resource link), for
 *                delivery in the original shape; like {@code structuredContent}, only the canonical constructor keeps
 *                it, so a result a guard rewrote is delivered as plain text and binary content
 * @param meta    the result's {@code _meta} and its blocks' annotations and {@code _meta}, for delivery as given; like
 *                {@code origins}, only the canonical constructor keeps it (the screening step puts it back, screened)
 */
public record ToolResult(List<Content> content, boolean error, java.util.Set<String> labels,
                         String structuredContent, java.util.Map<Integer, ContentOrigin> origins, ResultMeta meta) {
    public ToolResult {
        content = List.copyOf(Checks.present(content, "content"));
        labels = java.util.Set.copyOf(Checks.present(labels, "labels"));
        if (structuredContent != null && !structuredContent.strip().startsWith("{")) {
            throw new IllegalArgumentException("structuredContent must be the JSON text of an object");
        }
        origins = java.util.Map.copyOf(Checks.present(origins, "origins"));
        for (var origin : origins.entrySet()) {
            int index = origin.getKey();
            if (index < 0 || index >= content.size()) {
                throw new IllegalArgumentException("origin for content " + index + " outside the content");
            }
            boolean fits = switch (origin.getValue()) {
                case ContentOrigin.Embedded e -> true;
                case ContentOrigin.Link l -> content.get(index) instanceof Content.Text;
            };
            if (!fits) {
                throw new IllegalArgumentException("a resource link's content must be text");
            }
        }
        meta = meta == null ? ResultMeta.NONE : meta;
        if (meta.lastIndex() >= content.size()) {
            throw new IllegalArgumentException("annotations or _meta for content " + meta.lastIndex()
                    + " outside the content");
        }
    }

    /** A result with structured content and origins, without {@code _meta} or annotations. */
    public ToolResult(List<Content> content, boolean error, java.util.Set<String> labels, String structuredContent,
                      java.util.Map<Integer, ContentOrigin> origins) {
        this(content, error, labels, structuredContent, origins, ResultMeta.NONE);
    }

    /** A result without structured content or origins. */
    public ToolResult(List<Content> content, boolean error, java.util.Set<String> labels) {
        this(content, error, labels, null, java.util.Map.of());
    }

    /** A result that carries no labels beyond the tool's own output labels. */
    public ToolResult(List<Content> content, boolean error) {
        this(content, error, java.util.Set.of());
    }

    /** This result with {@code more} labels. */
    public ToolResult withLabels(java.util.Set<String> more) {
        java.util.Set<String> union = new java.util.LinkedHashSet<>(labels);
        union.addAll(more);
        return new ToolResult(content, error, union, structuredContent, origins, meta);
    }

    public static ToolResult text(String text) {
        return new ToolResult(List.of(new Content.Text(text)), false);
    }

    public static ToolResult errorText(String text) {
        return new ToolResult(List.of(new Content.Text(text)), true);
    }

    /** All text content joined by newlines; binary content is left out. */
    public String joinedText() {
        StringBuilder out = new StringBuilder();
        for (Content c : content) {
            if (c instanceof Content.Text t) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(t.text());
            }
        }
        return out.toString();
    }
}
