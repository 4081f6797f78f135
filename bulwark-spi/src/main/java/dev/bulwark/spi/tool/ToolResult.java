package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;
import java.util.List;

/**
 * What a tool returned.
 *
 * @param content the output, in order
 * @param error   whether the tool reports a failure (MCP's {@code isError}); the call itself still completed
 */
public record ToolResult(List<Content> content, boolean error) {
    public ToolResult {
        content = List.copyOf(Checks.present(content, "content"));
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
