package dev.bulwark.injection;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A window of text folded for matching: lower case, Latin accents and compatibility forms (full-width, math
 * alphanumerics, ligatures) folded, invisible format characters dropped, every whitespace run one space. Each
 * folded character remembers the span of the original characters it came from, so findings point into the input.
 */
final class NormalizedText {
    private static final char[] LATIN_FOLD = latinFoldTable();

    final String text;
    private final int[] starts;
    private final int[] ends;

    private NormalizedText(String text, int[] starts, int[] ends) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    /** Folds {@code source[from, to)}; spans refer to {@code source}. */
    static NormalizedText of(String source, int from, int to) {
        Builder b = new Builder(to - from);
        boolean lastSpace = true;
        int i = from;
        while (i < to) {
            int cp = source.codePointAt(i);
            int next = Math.min(to, i + Character.charCount(cp));
            if (cp < 0x80) {
                if (cp <= ' ' || cp == 0x7F) {
                    if (!lastSpace) {
                        b.put(' ', i, next);
                        lastSpace = true;
                    }
                } else {
                    b.put((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp), i, next);
                    lastSpace = false;
                }
            } else if (invisible(cp)) {
                // dropped: zero-width and bidi controls, tag characters, soft hyphens split words to evade matching
                i = next;
                continue;
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                if (!lastSpace) {
                    b.put(' ', i, next);
                    lastSpace = true;
                }
            } else {
                String folded = fold(cp);
                for (int k = 0; k < folded.length(); k++) {
                    b.put(folded.charAt(k), i, next);
                }
                lastSpace = false;
            }
            i = next;
        }
        foldMixedScriptWords(b.out);
        return new NormalizedText(b.out.toString(), b.starts, b.ends);
    }

    /**
     * In a word that mixes Latin letters with Cyrillic or Greek look-alikes ("ignоre" with a Cyrillic о), the
     * look-alikes become Latin: homoglyph spelling is an evasion, and words of one script are left alone.
     */
    private static void foldMixedScriptWords(StringBuilder s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean latin = false;
            boolean lookalike = false;
            while (i < n && Character.isLetter(s.charAt(i))) {
                char c = s.charAt(i);
                latin |= c >= 'a' && c <= 'z';
                lookalike |= LOOKALIKES.indexOf(c) >= 0;
                i++;
            }
            if (latin && lookalike) {
                for (int k = start; k < i; k++) {
                    int at = LOOKALIKES.indexOf(s.charAt(k));
                    if (at >= 0) {
                        s.setCharAt(k, LATIN_TWINS.charAt(at));
                    }
                }
            }
        }
    }

    // Cyrillic а е о р с у х і ј ѕ һ к ԁ ԛ ԝ and Greek α ο ρ ι κ ν υ χ ε τ, each above its Latin twin
    private static final String LOOKALIKES =
            "\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04BB\u043A\u0501\u051B\u051D"
                    + "\u03B1\u03BF\u03C1\u03B9\u03BA\u03BD\u03C5\u03C7\u03B5\u03C4";
    private static final String LATIN_TWINS = "aeopcyxijshkdqwaopikvuxet";

    private static final class Builder {
        final StringBuilder out;
        int[] starts;
        int[] ends;

        Builder(int capacity) {
            out = new StringBuilder(capacity);
            starts = new int[capacity + 8];
            ends = new int[capacity + 8];
        }

        void put(char c, int start, int end) {
            int n = out.length();
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2 + 8);
                ends = Arrays.copyOf(ends, n * 2 + 8);
            }
            starts[n] = start;
            ends[n] = end;
            out.append(c);
        }
    }

    int originalStart(int normalizedIndex) {
        return starts[normalizedIndex];
    }

    /** The original end (exclusive) of the normalized range ending (exclusive) at {@code normalizedEnd}. */
    int originalEnd(int normalizedEnd) {
        return ends[normalizedEnd - 1];
    }

    /** Unicode format characters (Cf: zero-width, bidi controls, tags, soft hyphen) and variation selectors. */
    static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
    }

    private static String fold(int cp) {
        if (cp <= 0x024F || (cp >= 0x1E00 && cp <= 0x1EFF)) {
            if (cp <= 0x024F) {
                char c = LATIN_FOLD[cp];
                if (c != 0) {
                    return String.valueOf(c);
                }
            }
            if (cp == 0xDF) {
                return "ss";
            }
            String d = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
            return String.valueOf(Character.toLowerCase(d.charAt(0)));
        }
        if (compatibilityRange(cp)) {
            String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            return n.toLowerCase(Locale.ROOT);
        }
        if (Character.isSupplementaryCodePoint(cp)) {
            return new String(Character.toChars(Character.toLowerCase(cp)));
        }
        return String.valueOf((char) Character.toLowerCase(cp));
    }

    private static boolean compatibilityRange(int cp) {
        return (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x1D400 && cp <= 0x1D7FF) || (cp >= 0x2460 && cp <= 0x24FF)
                || (cp >= 0x1F100 && cp <= 0x1F1FF) || (cp >= 0x2070 && cp <= 0x209F) || (cp >= 0xFB00 && cp <= 0xFB06)
                || (cp >= 0x2100 && cp <= 0x214F) || (cp >= 0x3200 && cp <= 0x33FF);
    }

    private static char[] latinFoldTable() {
        char[] table = new char[0x250];
        for (int cp = 0x80; cp < 0x250; cp++) {
            if (cp == 0xDF) {
                continue;
            }
            if (!Character.isLetter(cp)) {
                table[cp] = (char) cp;
                continue;
            }
            String d = Normalizer.normalize(String.valueOf((char) cp), Normalizer.Form.NFD);
            char base = Character.toLowerCase(d.charAt(0));
            table[cp] = base < 0x80 || d.length() > 1 ? base : Character.toLowerCase((char) cp);
        }
        return table;
    }
}
