package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;

/** One piece of a tool's output. */
public sealed interface Content permits Content.Text, Content.Blob {

    /**
     * Text output.
     *
     * @param text     the text
     * @param governed ranges of {@code text} holding values a data policy already decided (a row-security connector's
     *                 shown or masked column values): generic PII screening leaves them as they are, secrets and
     *                 injection screening still read them. Sorted, non-overlapping, within the text. A guard that
     *                 changes the text makes a new {@code Text}, which has none, so stale ranges cannot survive.
     */
    record Text(String text, java.util.List<Span> governed) implements Content {
        public Text {
            Checks.present(text, "text");
            governed = java.util.List.copyOf(Checks.present(governed, "governed"));
            int end = 0;
            for (Span span : governed) {
                if (span.start() < end || span.end() > text.length()) {
                    throw new IllegalArgumentException("governed ranges must be sorted, disjoint and inside the text");
                }
                end = span.end();
            }
        }

        public Text(String text) {
            this(text, java.util.List.of());
        }
    }

    /** The characters {@code [start, end)} of a text. */
    record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("a span needs 0 <= start <= end");
            }
        }
    }

    /** Binary content (e.g. an image), base64-encoded as MCP carries it. */
    record Blob(String mimeType, String base64Data) implements Content {
        public Blob {
            Checks.nonBlank(mimeType, "mimeType");
            Checks.present(base64Data, "base64Data");
        }
    }
}
