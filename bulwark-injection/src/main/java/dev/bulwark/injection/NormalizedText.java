package dev.bulwark.injection;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A window of text folded for matching: Unicode NFKC (full-width, math alphanumerics, ligatures, circled and
 * superscript forms), lower case, Latin accents and combining marks after Latin letters removed, HTML character
 * references and JSON/JavaScript backslash escapes ({@link BackslashEscapes}) decoded, default-ignorable
 * characters (zero-width, bidi controls, tags, soft hyphen, variation selectors) dropped, look-alike letters of
 * other scripts folded in words that mix them with Latin ({@link Confusables}), and every whitespace run one space. Each folded character remembers the span of the
 * original characters it came from, so findings point into the input; {@link #wideGap} remembers which spaces stood
 * for two or more blanks or a line break (spaced-out letters use them as word breaks).
 */
final class NormalizedText {
    private static final char[] LATIN_FOLD = latinFoldTable();
    private static final String[] BMP_FOLD = new String[0x10000];

    final String text;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] wide;

    private NormalizedText(String text, int[] starts, int[] ends, boolean[] wide) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.wide = wide;
    }

    /** Folds {@code source[from, to)}; spans refer to {@code source}. Invisible characters are dropped. */
    static NormalizedText of(String source, int from, int to) {
        return of(source, from, to, false);
    }

    /**
     * Folds {@code source[from, to)}; with {@code invisibleAsSpace} invisible characters separate words instead of
     * vanishing (zero-width spaces put between words to glue a phrase into one token).
     */
    static NormalizedText of(String source, int from, int to, boolean invisibleAsSpace) {
        Builder b = new Builder(to - from);
        int i = from;
        while (i < to) {
            int cp = source.codePointAt(i);
            int next = Math.min(to, i + Character.charCount(cp));
            if (cp == '&') {
                int end = HtmlEntities.end(source, i, to);
                if (end > i) {
                    cp = HtmlEntities.value(source, i, end);
                    next = end;
                }
            } else if (cp == '\\') {
                int end = BackslashEscapes.end(source, i, to);
                if (end > i) {
                    cp = BackslashEscapes.value(source, i, end);
                    next = end;
                }
            }
            if (cp < 0x80) {
                if (cp <= ' ' || cp == 0x7F) {
                    b.space(i, next, cp != ' ' || (next < to && source.charAt(next) <= ' '));
                } else {
                    b.put((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp), i, next);
                }
            } else if (invisible(cp)) {
                if (invisibleAsSpace) {
                    b.space(i, next, false);
                }
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                b.space(i, next, cp == 0x2028 || cp == 0x2029 || cp == 0x85);
            } else if (combiningMark(cp) && b.afterLatinLetter()) {
                // dropped: diacritics stacked on Latin letters ("ı̇g̈n̈ore") spell the same word
                b.extend(next);
            } else {
                String folded = fold(cp);
                for (int k = 0; k < folded.length(); k++) {
                    b.put(folded.charAt(k), i, next);
                }
            }
            i = next;
        }
        Confusables.fold(b.out);
        return new NormalizedText(b.out.toString(), b.starts, b.ends, b.wide);
    }

    /** A view whose character {@code k} is {@code text.charAt(k)} standing for base character {@code baseIndex[k]}. */
    NormalizedText derive(CharSequence text, int[] baseIndex) {
        int n = text.length();
        int[] s = new int[n];
        int[] e = new int[n];
        boolean[] w = new boolean[n];
        for (int k = 0; k < n; k++) {
            s[k] = starts[baseIndex[k]];
            e[k] = ends[baseIndex[k]];
            w[k] = wide[baseIndex[k]];
        }
        return new NormalizedText(text.toString(), s, e, w);
    }

    /** The part {@code [from, to)} of this reading, with its spans. */
    NormalizedText slice(int from, int to) {
        return new NormalizedText(text.substring(from, to), Arrays.copyOfRange(starts, from, to),
                Arrays.copyOfRange(ends, from, to), Arrays.copyOfRange(wide, from, to));
    }

    /** The same spans under a same-length substitute text (leetspeak or rot13 folded character by character). */
    NormalizedText withText(String sameLength) {
        if (sameLength.length() != text.length()) {
            throw new IllegalArgumentException("substitute text must keep the length");
        }
        return new NormalizedText(sameLength, starts, ends, wide);
    }

    /** Whether the space at {@code index} stood for several blanks or a line break. */
    boolean wideGap(int index) {
        return wide[index];
    }

    int originalStart(int normalizedIndex) {
        return starts[normalizedIndex];
    }

    /** The original end (exclusive) of the normalized range ending (exclusive) at {@code normalizedEnd}. */
    int originalEnd(int normalizedEnd) {
        return ends[normalizedEnd - 1];
    }

    private static final class Builder {
        final StringBuilder out;
        int[] starts;
        int[] ends;
        boolean[] wide;
        boolean lastSpace = true;

        Builder(int capacity) {
            out = new StringBuilder(capacity);
            starts = new int[capacity + 8];
            ends = new int[capacity + 8];
            wide = new boolean[capacity + 8];
        }

        void put(char c, int start, int end) {
            int n = out.length();
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2 + 8);
                ends = Arrays.copyOf(ends, n * 2 + 8);
                wide = Arrays.copyOf(wide, n * 2 + 8);
            }
            starts[n] = start;
            ends[n] = end;
            wide[n] = false;
            out.append(c);
            lastSpace = c == ' ';
        }

        /** One space for a run of blanks; the run is wide when any part of it is a line break or a second blank. */
        void space(int start, int end, boolean wideBlank) {
            if (!lastSpace) {
                put(' ', start, end);
                wide[out.length() - 1] = wideBlank;
            } else if (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                wide[out.length() - 1] = true;
                ends[out.length() - 1] = end;
            }
        }

        boolean afterLatinLetter() {
            char last = out.isEmpty() ? ' ' : out.charAt(out.length() - 1);
            return last >= 'a' && last <= 'z';
        }

        void extend(int end) {
            ends[out.length() - 1] = end;
        }
    }

    /** Default-ignorable characters: format (Cf: zero-width, bidi controls, tags, soft hyphen), fillers, selectors. */
    static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x034F || cp == 0x180B
                || cp == 0x180C || cp == 0x180D || cp == 0x180F || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }

    private static boolean combiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    private static String fold(int cp) {
        if (cp <= 0x024F) {
            char c = LATIN_FOLD[cp];
            if (c != 0) {
                return String.valueOf(c);
            }
            return cp == 0xDF ? "ss" : String.valueOf((char) Character.toLowerCase(cp));
        }
        if (cp < 0x10000) {
            String cached = BMP_FOLD[cp];
            if (cached == null) {
                cached = compatibilityFold(cp);
                BMP_FOLD[cp] = cached;
            }
            return cached;
        }
        return compatibilityFold(cp);
    }

    /** NFKC, lower case, then Latin accents removed: "Ｉ" and "𝐈" and "Ⓘ" all become "i". */
    private static String compatibilityFold(int cp) {
        String s = new String(Character.toChars(cp));
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        for (int k = 0; k < n.length(); k++) {
            char c = n.charAt(k);
            if (c < 0x250 && c >= 0x80) {
                char f = LATIN_FOLD[c];
                if (c == 0xDF) {
                    out.append("ss");
                    continue;
                }
                c = f != 0 ? f : c;
            } else if (c >= 0x1E00 && c <= 0x1EFF) {
                c = Character.toLowerCase(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0));
            } else if (combiningMark(c) && !out.isEmpty() && out.charAt(out.length() - 1) < 0x80) {
                continue;
            }
            out.append(c);
        }
        return out.isEmpty() ? s : out.toString();
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
