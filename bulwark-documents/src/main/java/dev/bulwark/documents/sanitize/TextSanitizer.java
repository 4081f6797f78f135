package dev.bulwark.documents.sanitize;

import dev.bulwark.documents.MediaType;
import dev.bulwark.spi.Checks;

/**
 * The sanitizer of ingestion. HTML and Markdown (which may embed raw HTML) lose markup, scripts, styles, comments and
 * hidden elements; every type loses invisible characters and redundant whitespace. Plain text is never parsed as
 * markup: a literal {@code <script>} in a text file is text.
 */
public final class TextSanitizer {

    /** The sanitized text and how many characters were taken out. */
    public record Sanitized(String text, int removedChars) {
        public Sanitized {
            Checks.present(text, "text");
            if (removedChars < 0) {
                throw new IllegalArgumentException("removedChars must be >= 0");
            }
        }
    }

    public Sanitized sanitize(String content, MediaType type) {
        Checks.present(content, "content");
        Checks.present(type, "type");
        String text = switch (type) {
            case TEXT_PLAIN -> content;
            case TEXT_MARKDOWN -> HtmlText.visibleText(content, true);
            case TEXT_HTML -> HtmlText.visibleText(content, false);
        };
        String clean = Whitespace.normalize(InvisibleCharacters.clean(text));
        return new Sanitized(clean, Math.max(0, content.length() - clean.length()));
    }
}
