package dev.bulwark.documents.sanitize;

/** Collapses runs of spaces, trims every line and keeps at most one blank line between paragraphs. */
final class Whitespace {
    private Whitespace() {}

    static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        for (String line : text.split("\n", -1)) {
            String collapsed = line.replaceAll(" {2,}", " ").strip();
            if (collapsed.isEmpty()) {
                newlines++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(newlines > 0 ? "\n\n" : "\n");
            }
            out.append(collapsed);
            newlines = 0;
        }
        return out.toString();
    }
}
