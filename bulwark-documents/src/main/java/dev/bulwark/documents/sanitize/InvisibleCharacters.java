package dev.bulwark.documents.sanitize;

import java.text.Normalizer;

/**
 * Removes characters that render as nothing yet reach a model: format characters (zero-width space and joiners,
 * bidirectional embeddings, overrides and isolates, the byte-order mark, soft hyphen, Unicode tag characters),
 * control characters, variation selectors and invisible fillers. Text is NFKC-normalized first so that look-alike
 * full-width and compatibility forms read as what they look like.
 */
public final class InvisibleCharacters {
    private InvisibleCharacters() {}

    public static String clean(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                if (i < normalized.length() && normalized.charAt(i) == '\n') {
                    continue;
                }
                out.append('\n');
            } else if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
                out.append('\n');
            } else if (cp == '\t' || Character.getType(cp) == Character.SPACE_SEPARATOR) {
                out.append(' ');
            } else if (!invisible(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT
                || type == Character.CONTROL
                || type == Character.SURROGATE
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0xE0000 && cp <= 0xE007F)
                || cp == 0x034F
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
                || cp == 0x2800
                || (cp & 0xFFFE) == 0xFFFE;
    }
}
