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
 */
public record ToolResult(List<Content> content, boolean error, java.util.Set<String> labels) {
    public ToolResult {
        content = List.copyOf(Checks.present(content, "content"));
        labels = java.util.Set.copyOf(Checks.present(labels, "labels"));
    }

    /** A result that carries no labels beyond the tool's own output labels. */
    public ToolResult(List<Content> content, boolean error) {
        this(content, error, java.util.Set.of());
    }

    /** This result with {@code more} labels. */
    public ToolResult withLabels(java.util.Set<String> more) {
        java.util.Set<String> union = new java.util.LinkedHashSet<>(labels);
        union.addAll(more);
        return new ToolResult(content, error, union);
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
