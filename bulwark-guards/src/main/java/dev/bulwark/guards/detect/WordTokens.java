package dev.bulwark.guards.detect;

import java.util.Arrays;
import java.util.Locale;

/**
 * The words of a text with their shapes and {@link WordTable} bits, in parallel arrays filled by one pass and without
 * a string per word. A word is a run of letters and marks, with ' ’ - inside it when a letter follows; a final "'s"
 * is cut off (possessive). A trailing period belongs to the word only for initials and known abbreviations
 * ({@link ProperNounCues#ABBREVIATION}), never for an ordinary word ending a sentence. Each word's folded form
 * ({@link WordLists#fold}) is kept in {@link #folds}, every one followed by a space, so the folded phrase of words
 * {@code a..b} is the range {@code [foldStart(a), foldEnd(b))}.
 */
final class WordTokens {
    static final int CAPITALISED = 0;
    static final int UPPER = 1;
    static final int INITIAL = 2;
    static final int LOWER = 3;
    static final int OTHER = 4;

    private static final int SHAPE = 7;
    /** First word of the text, or a line break between this word and the one before. */
    static final int LINE_BREAK = 8;
    /** Only spaces or tabs, at most three, between this word and the one before, on the same line. */
    static final int JOINED = 16;
    static final int POSSESSIVE = 32;
    static final int HYPHEN = 64;
    /** Only the letters a to z: such a word is its own folded form. */
    static final int PLAIN_LOWER = 128;
    /** Only the letters I V X L C D M. */
    static final int ROMAN_LETTERS = 256;

    final String text;
    int count;
    /** Where each word starts and ends in {@link #text}; the end includes a period kept by the word. */
    int[] start;
    int[] end;
    /** End of the word's own letters: before a possessive "'s" or a kept period. */
    int[] textEnd;
    int[] flags;
    /** The {@link WordTable} bits of the folded word. */
    int[] bits;
    private int[] foldStart;
    char[] folds;

    private WordTokens(String text) {
        this.text = text;
        int guess = Math.min(text.length() / 4 + 8, 1 << 16);
        start = new int[guess];
        end = new int[guess];
        textEnd = new int[guess];
        flags = new int[guess];
        bits = new int[guess];
        foldStart = new int[guess + 1];
        folds = new char[Math.min(text.length(), 1 << 20) + 16];
    }

    static WordTokens of(String text, WordTable table) {
        WordTokens t = new WordTokens(text);
        t.scan(table);
        return t;
    }

    int shape(int k) {
        return flags[k] & SHAPE;
    }

    boolean capital(int k) {
        return (flags[k] & SHAPE) <= INITIAL;
    }

    boolean has(int k, int flag) {
        return (flags[k] & flag) != 0;
    }

    /** Whether the folded word is in one of the sets named by the bits of {@code bit}. */
    boolean in(int k, int bit) {
        return (bits[k] & bit) != 0;
    }

    /** The word's letters as written (no possessive, no period). */
    String text(int k) {
        return text.substring(start[k], textEnd[k]);
    }

    int length(int k) {
        return textEnd[k] - start[k];
    }

    int foldStart(int k) {
        return foldStart[k];
    }

    int foldEnd(int k) {
        return foldStart[k + 1] - 1;
    }

    private void scan(WordTable table) {
        String s = text;
        int n = s.length();
        int previousEnd = -1;
        int at = 0;
        int i = 0;
        while (i < n) {
            if (!letter(s.charAt(i))) {
                i++;
                continue;
            }
            int from = i++;
            while (i < n) {
                char d = s.charAt(i);
                if (letter(d)) {
                    i++;
                } else if ((d == '\'' || d == '’' || d == '-') && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
                    i += 2;
                } else {
                    break;
                }
            }
            int to = i;
            boolean possessive = to - from >= 2 && s.charAt(to - 1) == 's'
                    && (s.charAt(to - 2) == '\'' || s.charAt(to - 2) == '’');
            if (possessive) {
                to -= 2;
            }
            if (count == start.length) {
                grow();
            }
            int k = count;
            foldStart[k] = at;
            int f = possessive ? POSSESSIVE : 0;
            boolean apostrophe = false;
            boolean ascii = true;
            int lowerAfterFirst = 0;
            int plain = PLAIN_LOWER;
            int roman = ROMAN_LETTERS;
            int hash = 0;
            if (folds.length < at + (to - from) + 1) {
                folds = Arrays.copyOf(folds, Math.max(folds.length * 2, at + (to - from) + 1));
            }
            char[] buf = folds;
            for (int p = from; p < to; p++) {
                char c = s.charAt(p);
                if (c >= 0x80) {
                    ascii = false;
                    break;
                }
                if (c == '\'') {
                    apostrophe = true;
                    plain = 0;
                    roman = 0;
                    continue;
                }
                if (c == '-') {
                    f |= HYPHEN;
                    plain = 0;
                    roman = 0;
                } else if (c >= 'a') {
                    roman = 0;
                    if (p > from) {
                        lowerAfterFirst = 1;
                    }
                } else {
                    plain = 0;
                    if ("IVXLCDM".indexOf(c) < 0) {
                        roman = 0;
                    }
                    c += 'a' - 'A';
                }
                buf[at++] = c;
                hash = WordTable.step(hash, c);
            }
            String core = null;
            int shape;
            int b;
            if (ascii) {
                char first = s.charAt(from);
                shape = first >= 'a' ? LOWER : to - from == 1 ? INITIAL : lowerAfterFirst != 0 ? CAPITALISED : UPPER;
                f |= plain | roman;
                b = table.get(buf, foldStart[k], at, hash);
            } else {
                core = s.substring(from, to);
                shape = shape(core);
                if (core.indexOf('-') >= 0) {
                    f |= HYPHEN;
                }
                at = foldStart[k];
                String folded = WordLists.fold(core);
                if (folds.length < at + folded.length() + 1) {
                    folds = Arrays.copyOf(folds, Math.max(folds.length * 2, at + folded.length() + 1));
                }
                buf = folds;
                folded.getChars(0, folded.length(), buf, at);
                b = table.get(buf, at, at + folded.length());
                at += folded.length();
            }
            buf[at++] = ' ';
            boolean keepDot = i < n && s.charAt(i) == '.' && !possessive
                    && (shape == INITIAL || abbreviation(table, core, apostrophe, b));
            int wordEnd = to + (keepDot ? 1 : 0);
            if (previousEnd < 0) {
                f |= LINE_BREAK;
            } else {
                boolean lineBreak = false;
                boolean spaces = true;
                for (int g = previousEnd; g < from; g++) {
                    char c = s.charAt(g);
                    if (c == '\n' || c == '\r') {
                        lineBreak = true;
                    }
                    spaces &= c == ' ' || c == '\t';
                }
                if (lineBreak) {
                    f |= LINE_BREAK;
                } else if (spaces && from - previousEnd <= 3) {
                    f |= JOINED;
                }
            }
            start[k] = from;
            end[k] = wordEnd;
            textEnd[k] = to;
            flags[k] = f | shape;
            bits[k] = b;
            count = k + 1;
            previousEnd = wordEnd;
            if (keepDot) {
                i++;
            }
        }
        foldStart[count] = at;
    }

    /**
     * Whether the word is a listed abbreviation, compared in lower case (not folded): for an ASCII word without an
     * apostrophe the two are the same, so the bits of the folded word answer.
     */
    private static boolean abbreviation(WordTable table, String core, boolean apostrophe, int foldedBits) {
        if (core == null) {
            return !apostrophe && (foldedBits & ProperNounCues.ABBREVIATION) != 0;
        }
        return (table.get(core.toLowerCase(Locale.ROOT)) & ProperNounCues.ABBREVIATION) != 0;
    }

    private void grow() {
        int size = start.length * 2;
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        textEnd = Arrays.copyOf(textEnd, size);
        flags = Arrays.copyOf(flags, size);
        bits = Arrays.copyOf(bits, size);
        foldStart = Arrays.copyOf(foldStart, size + 1);
    }

    /** ASCII letters; beyond ASCII any letter or combining mark. */
    static boolean letter(char c) {
        if (c < 0x80) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        }
        int t = Character.getType(c);
        return Character.isLetter(c) || t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
    }

    /** The shape of a word that starts with a letter or mark (never a surrogate). */
    private static int shape(String w) {
        char first = w.charAt(0);
        if (!Character.isUpperCase(first)) {
            return Character.isLowerCase(first) ? LOWER : OTHER;
        }
        if (w.length() == 1) {
            return INITIAL;
        }
        for (int i = 1; i < w.length(); i++) {
            if (Character.isLowerCase(w.charAt(i))) {
                return CAPITALISED;
            }
        }
        return UPPER;
    }
}
