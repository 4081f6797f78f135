package dev.bulwark.engine.flow;

import dev.bulwark.spi.text.Invisible;
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
            if (!Invisible.is(cp)) {
                kept.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return Normalizer.normalize(kept, Normalizer.Form.NFKC);
    }
}
