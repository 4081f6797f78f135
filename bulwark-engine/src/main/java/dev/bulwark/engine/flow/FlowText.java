package dev.bulwark.engine.flow;

import java.text.Normalizer;

/**
 * The form in which flow control reads text: NFKC-normalised (full-width letters and digits, ligatures and other
 * compatibility forms become their plain letters and digits) with invisible format characters removed (zero-width
 * spaces and joiners, bidi controls, tag characters, variation selectors, the soft hyphen). Tool outputs and call
 * arguments are read through the same form, so a value written with such characters is the value a reader (or a URL
 * parser applying IDNA mapping) sees, and it meets the same key on both sides.
 */
final class FlowText {
    private FlowText() {}

    /** {@code text} in the form values are read from; the same string when it is plain ASCII. */
    static String normal(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder kept = new StringBuilder(n);
        kept.append(text, 0, i);
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!invisible(cp)) {
                kept.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return Normalizer.normalize(kept, Normalizer.Form.NFKC);
    }

    /** Characters that render as nothing and can split a value for a matcher while a reader still sees it whole. */
    static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT || cp == 0x034F || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x115F || cp == 0x1160 || cp == 0x3164;
    }
}
