package dev.bulwark.spi.text;

/**
 * Characters that render as nothing and can split or hide a value from a matcher while a reader still sees it whole:
 * format characters (zero-width spaces and joiners, bidi controls, tag characters, the soft hyphen), the combining
 * grapheme joiner, variation selectors and the Hangul fillers. The PII/secret guards and flow control read text
 * without them, by this one rule, so both see the same value.
 */
public final class Invisible {
    private Invisible() {}

    /** Whether {@code codePoint} is such a character. */
    public static boolean is(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT || codePoint == 0x034F
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
                || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164;
    }
}
