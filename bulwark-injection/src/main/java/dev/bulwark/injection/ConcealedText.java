package dev.bulwark.injection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text a reader of the rendered page or message does not see but a model reading the source does: HTML and XML
 * comments, {@code alt}, {@code title} and {@code aria-label} attributes, markdown image alt text and link titles,
 * {@code <noscript>} and {@code <template>} content and elements styled or marked invisible. Each piece is handed
 * back for a re-scan; instructions found there count more, since concealment is itself a sign of intent.
 */
final class ConcealedText {
    private ConcealedText() {}

    /** Receives the concealed text in {@code [start, end)} of the original. */
    interface Pieces {
        void found(int start, int end, String piece, String kind);
    }

    private static final int MAX_PIECES = 16;
    private static final Pattern COMMENT = Pattern.compile("<!--(.{1,4000}?)-->|/\\*(.{8,4000}?)\\*/", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(?i)\\b(?:alt|title|aria-label|data-[a-z-]{1,30}|content)\\s{0,3}=\\s{0,3}"
                    + "(?:\"([^\"]{12,2000})\"|'([^']{12,2000})')");
    private static final Pattern MARKDOWN = Pattern.compile(
            "!\\[([^\\]\\n]{12,1000})\\]\\(|\\]\\([^)\\s]{1,2000}\\s{1,3}\"([^\"\\n]{12,1000})\"\\)");
    private static final Pattern HIDDEN_ELEMENT = Pattern.compile(
            "(?is)<(noscript|template)\\b[^>]{0,200}>(.{12,4000}?)</\\1>");
    /** Elements styled or marked invisible: display:none, visibility:hidden, zero font size or opacity, hidden. */
    private static final Pattern INVISIBLE_ELEMENT = Pattern.compile(
            "(?is)<([a-z][a-z0-9]{0,10})\\b(?=[^>]{0,400}?(?:display\\s{0,3}:\\s{0,3}none"
                    + "|visibility\\s{0,3}:\\s{0,3}hidden|font-size\\s{0,3}:\\s{0,3}0(?:px|pt|em|rem|%)?\\s{0,3}[;\"']"
                    + "|opacity\\s{0,3}:\\s{0,3}0(?:\\.0+)?\\s{0,3}[;\"']|\\shidden(?:\\s|>|=)"
                    + "|aria-hidden\\s{0,3}=\\s{0,3}[\"']true))[^>]{0,400}>(.{8,4000}?)</\\1\\s{0,3}>");

    static void scan(String text, int from, int to, Pieces pieces) {
        int found = 0;
        if (Texts.contains(text, from, to, "<!--") || Texts.contains(text, from, to, "/*")) {
            found = run(COMMENT.matcher(text).region(from, to), pieces, "comment", found);
        }
        if (Texts.contains(text, from, to, "=")) {
            found = run(ATTRIBUTE.matcher(text).region(from, to), pieces, "attribute", found);
        }
        if (Texts.contains(text, from, to, "](")) {
            found = run(MARKDOWN.matcher(text).region(from, to), pieces, "markdown", found);
        }
        if (Texts.containsIgnoreCase(text, from, to, "<noscript")
                || Texts.containsIgnoreCase(text, from, to, "<template")) {
            found = run(HIDDEN_ELEMENT.matcher(text).region(from, to), pieces, "hidden-element", found);
        }
        if (Texts.containsIgnoreCase(text, from, to, "none") || Texts.containsIgnoreCase(text, from, to, "hidden")
                || Texts.containsIgnoreCase(text, from, to, "size")
                || Texts.containsIgnoreCase(text, from, to, "opacity")) {
            run(INVISIBLE_ELEMENT.matcher(text).region(from, to), pieces, "hidden-element", found);
        }
    }

    private static int run(Matcher m, Pieces pieces, String kind, int found) {
        while (found < MAX_PIECES && m.find()) {
            for (int g = m.groupCount(); g >= 1; g--) {
                if (m.group(g) != null && !(kind.equals("hidden-element") && g == 1)) {
                    pieces.found(m.start(g), m.end(g), m.group(g), kind);
                    found++;
                    break;
                }
            }
        }
        return found;
    }
}
