package dev.bulwark.server.http;

/**
 * A tool name the caller sent, made safe to repeat in an error message: control and format characters (line breaks,
 * bidirectional overrides, zero-width characters) become {@code ?}, and it is cut to {@link #MAX_CHARS} characters.
 */
final class ToolNameEcho {
    static final int MAX_CHARS = 128;

    private ToolNameEcho() {}

    static String of(String name) {
        if (name == null || name.isEmpty()) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_CHARS) + 1);
        int count = 0;
        for (int i = 0; i < name.length() && count < MAX_CHARS; ) {
            int cp = name.codePointAt(i);
            int type = Character.getType(cp);
            boolean unsafe = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            if (unsafe) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
            count++;
        }
        if (count == MAX_CHARS && name.codePointCount(0, name.length()) > MAX_CHARS) {
            out.append('…');
        }
        return out.toString();
    }
}
