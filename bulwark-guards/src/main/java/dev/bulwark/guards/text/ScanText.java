package dev.bulwark.guards.text;

import dev.bulwark.spi.text.Escapes;
import dev.bulwark.spi.text.Invisible;
import java.text.Normalizer;

/**
 * A text prepared for matching, as a reader sees it: NFKC-normalised, with invisible format characters (zero-width
 * spaces, joiners, bidi controls, tag characters) removed, lone surrogates replaced by U+FFFD, dashes of every kind
 * read as {@code -} and decimal digits of every script as ASCII digits, and character escapes decoded
 * ({@link CharacterEscapes}: HTML character references, JSON/JavaScript {@code \\uXXXX}, URL {@code %XX}), since
 * a model reads {@code john&#64;example.com} or {@code 536\u201122\u20118726} as the address and the number they
 * spell. Every character of the matching form remembers which characters of the original produced it, so spans found
 * in {@link #text()} are reported in the original's indices (an escape's span is the whole escape).
 */
public final class ScanText {
    private final String original;
    private final String text;
    /** Original start and end index per matching character; {@code null} when the two texts are identical. */
    private final int[] from;
    private final int[] to;
    private final int offset;

    private ScanText(String original, String text, int[] from, int[] to, int offset) {
        this.original = original;
        this.offset = offset;
        this.text = text;
        this.from = from;
        this.to = to;
    }

    /** Prepares {@code original[start, end)}; indices reported by the result are indices into {@code original}. */
    public static ScanText of(String original, int start, int end) {
        if (start < 0 || end > original.length() || start > end) {
            throw new IllegalArgumentException("bad range " + start + ".." + end + " of " + original.length());
        }
        if (isPlain(original, start, end)) {
            return new ScanText(original, original.substring(start, end), null, null, start);
        }
        StringBuilder out = new StringBuilder(end - start);
        int[] from = new int[end - start + 16];
        int[] to = new int[end - start + 16];
        int i = start;
        while (i < end) {
            char c = original.charAt(i);
            int next;
            String piece;
            long escape = (c == '&' || c == '\\' || c == '%') ? CharacterEscapes.decode(original, i, end) : -1;
            if (escape >= 0) {
                int cp = Escapes.codePoint(escape);
                next = i + Escapes.length(escape);
                piece = Invisible.is(cp) ? "" : fold(cp);
            } else if (c < 0x80 || unchanged(c)) {
                next = i + 1;
                piece = null;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(original.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, original.charAt(i + 1));
                next = i + 2;
                piece = Invisible.is(cp) ? "" : fold(cp);
            } else if (Character.isSurrogate(c)) {
                next = i + 1;
                piece = "\uFFFD";
            } else {
                next = i + 1;
                piece = Invisible.is(c) ? "" : fold(c);
            }
            int added = piece == null ? 1 : piece.length();
            if (out.length() + added > from.length) {
                int size = Math.max(from.length * 2, out.length() + added);
                from = java.util.Arrays.copyOf(from, size);
                to = java.util.Arrays.copyOf(to, size);
            }
            for (int k = 0; k < added; k++) {
                from[out.length() + k] = i;
                to[out.length() + k] = next;
            }
            if (piece == null) {
                out.append(c);
            } else {
                out.append(piece);
            }
            i = next;
        }
        return new ScanText(original, out.toString(), from, to, start);
    }

    public static ScanText of(String original) {
        return of(original, 0, original.length());
    }

    /** The matching form. */
    public String text() {
        return text;
    }

    public String original() {
        return original;
    }

    /** Original index of the first character behind matching index {@code i}. */
    public int originalStart(int i) {
        if (from == null) {
            return offset + i;
        }
        return i < text.length() ? from[i] : (text.isEmpty() ? offset : to[text.length() - 1]);
    }

    /** Original index just after the characters behind matching index {@code end - 1}. */
    public int originalEnd(int end) {
        if (from == null) {
            return offset + end;
        }
        return end == 0 ? (text.isEmpty() ? offset : from[0]) : to[end - 1];
    }

    /** Whether every character of the range is its own matching form, so the range can be used as it is. */
    private static boolean isPlain(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 ? !unchanged(c) : (c == '&' || c == '\\' || c == '%')
                    && CharacterEscapes.decode(s, i, end) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per BMP character: 0 not yet known, 1 its own NFKC form and visible, 2 otherwise. Filled on first sight of each
     * character; racing threads write the same value, so no lock is needed.
     */
    private static final byte[] UNCHANGED = new byte[0x10000];

    /** Whether a character outside ASCII passes through normalisation unchanged (never true for a surrogate). */
    private static boolean unchanged(char c) {
        byte known = UNCHANGED[c];
        if (known == 0) {
            boolean same = !Character.isSurrogate(c) && !Invisible.is(c) && fold(c).equals(String.valueOf(c));
            known = same ? (byte) 1 : (byte) 2;
            UNCHANGED[c] = known;
        }
        return known == 1;
    }

    /**
     * One visible character's matching form: a dash of any kind is {@code -}, a decimal digit of any script its ASCII
     * digit, anything else its NFKC form.
     */
    static String fold(int cp) {
        int type = Character.getType(cp);
        if (cp >= 0x80 && (type == Character.DASH_PUNCTUATION || cp == 0x2212)) {
            return "-";
        }
        if (cp >= 0x80 && type == Character.DECIMAL_DIGIT_NUMBER) {
            return String.valueOf((char) ('0' + Character.digit(cp, 10)));
        }
        return cp < 0x80 ? Character.toString(cp) : Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
    }
}
