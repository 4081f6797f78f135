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

    /** Texts longer than this get arrays of their own rather than the thread's reused ones, which stay small. */
    private static final int REUSE_LIMIT = 1 << 14;
    private static final ThreadLocal<WordTokens> REUSED = ThreadLocal.withInitial(WordTokens::new);

    String text;
    /** The text's characters (the array may be longer than the text). */
    char[] chars;
    int length;
    int count;
    /** Where each word starts and ends in the text; the end includes a period kept by the word. */
    int[] start = new int[32];
    int[] end = new int[32];
    /** End of the word's own letters: before a possessive "'s" or a kept period. */
    int[] textEnd = new int[32];
    int[] flags = new int[32];
    /** The {@link WordTable} bits of the folded word. */
    int[] bits = new int[32];
    private int[] foldStart = new int[33];
    char[] folds = new char[128];
    /** Room for the context words a caller collects before and after a word. */
    final ContextWords.Words wordsBefore = new ContextWords.Words(3);
    final ContextWords.Words wordsAfter = new ContextWords.Words(3);

    private WordTokens() {}

    /** The words of a text, in arrays of their own. */
    static WordTokens of(String text, WordTable table) {
        WordTokens t = new WordTokens();
        t.scan(text, table);
        return t;
    }

    /**
     * As {@link #of} in arrays the current thread reuses: valid until the thread's next call, so only for a caller
     * that is done with the words before it returns.
     */
    static WordTokens reused(String text, WordTable table) {
        WordTokens t = text.length() > REUSE_LIMIT ? new WordTokens() : REUSED.get();
        t.scan(text, table);
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

    /** Whether word {@code k} is written exactly {@code word}. */
    boolean is(int k, String word) {
        return textEnd[k] - start[k] == word.length() && text.startsWith(word, start[k]);
    }

    int foldStart(int k) {
        return foldStart[k];
    }

    int foldEnd(int k) {
        return foldStart[k + 1] - 1;
    }

    private void scan(String s, WordTable table) {
        int n = s.length();
        text = s;
        length = n;
        if (chars == null || chars.length < n) {
            chars = new char[Math.max(n, 64)];
        }
        s.getChars(0, n, chars, 0);
        char[] c = chars;
        count = 0;
        int previousEnd = -1;
        int at = 0;
        int i = 0;
        while (i < n) {
            if (!letter(c[i])) {
                i++;
                continue;
            }
            int from = i++;
            while (i < n) {
                char d = c[i];
                if (letter(d)) {
                    i++;
                } else if ((d == '\'' || d == '’' || d == '-') && i + 1 < n && Character.isLetter(c[i + 1])) {
                    i += 2;
                } else {
                    break;
                }
            }
            int to = i;
            boolean possessive = to - from >= 2 && c[to - 1] == 's' && (c[to - 2] == '\'' || c[to - 2] == '’');
            if (possessive) {
                to -= 2;
            }
            if (count == start.length) {
                grow();
            }
            int k = count;
            foldStart[k] = at;
            int need = at + (to - from) * Math.max(1, CharFolds.MAX_LENGTH) + 1;
            if (folds.length < need) {
                folds = Arrays.copyOf(folds, Math.max(folds.length * 2, need));
            }
            int f = fold(c, from, to, at, possessive);
            int shape = f & SHAPE;
            int b;
            if ((f & WHOLE) != 0) {
                String folded = WordLists.fold(s.substring(from, to));
                if (folds.length < at + folded.length() + 1) {
                    folds = Arrays.copyOf(folds, Math.max(folds.length * 2, at + folded.length() + 1));
                }
                folded.getChars(0, folded.length(), folds, at);
                b = table.get(folds, at, at + folded.length());
                at += folded.length();
            } else {
                b = table.get(folds, at, foldEnd, foldHash);
                at = foldEnd;
            }
            folds[at++] = ' ';
            boolean keepDot = i < n && c[i] == '.' && !possessive
                    && (shape == INITIAL || abbreviation(table, f, b, s, from, to));
            int wordEnd = to + (keepDot ? 1 : 0);
            if (previousEnd < 0) {
                f |= LINE_BREAK;
            } else {
                boolean lineBreak = false;
                boolean spaces = true;
                for (int g = previousEnd; g < from; g++) {
                    char x = c[g];
                    if (x == '\n' || x == '\r') {
                        lineBreak = true;
                    }
                    spaces &= x == ' ' || x == '\t';
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
            flags[k] = f & ~(WHOLE | NOT_ASCII | APOSTROPHE);
            bits[k] = b;
            count = k + 1;
            previousEnd = wordEnd;
            if (keepDot) {
                i++;
            }
        }
        foldStart[count] = at;
    }

    /** Scratch flags of {@link #fold}: fold the word as a whole; a character beyond ASCII; an ASCII apostrophe. */
    private static final int WHOLE = 1 << 20;
    private static final int NOT_ASCII = 1 << 21;
    private static final int APOSTROPHE = 1 << 22;

    /** End and hash of the last {@link #fold} into {@link #folds}. */
    private int foldEnd;
    private int foldHash;

    /**
     * Folds {@code c[from, to)} into {@link #folds} at {@code at} character by character where {@link CharFolds}
     * can, and works out the word's shape and flags; {@link #WHOLE} in the result when it could not.
     */
    private int fold(char[] c, int from, int to, int at, boolean possessive) {
        char[] buf = folds;
        int f = (possessive ? POSSESSIVE : 0) | PLAIN_LOWER | ROMAN_LETTERS;
        boolean lowerAfterFirst = false;
        int hash = 0;
        for (int p = from; p < to; p++) {
            char x = c[p];
            if (x < 0x80) {
                if (x == '\'') {
                    f = (f | APOSTROPHE) & ~(PLAIN_LOWER | ROMAN_LETTERS);
                    continue;
                }
                if (x == '-') {
                    f = (f | HYPHEN) & ~(PLAIN_LOWER | ROMAN_LETTERS);
                } else if (x >= 'a') {
                    f &= ~ROMAN_LETTERS;
                    lowerAfterFirst |= p > from;
                } else {
                    f &= "IVXLCDM".indexOf(x) < 0 ? ~(PLAIN_LOWER | ROMAN_LETTERS) : ~PLAIN_LOWER;
                    x += 'a' - 'A';
                }
                buf[at++] = x;
                hash = WordTable.step(hash, x);
                continue;
            }
            f = (f | NOT_ASCII) & ~(PLAIN_LOWER | ROMAN_LETTERS);
            lowerAfterFirst |= p > from && Character.isLowerCase(x);
            String folded = CharFolds.of(x);
            if (folded == null) {
                f |= WHOLE;
                continue;
            }
            for (int q = 0; q < folded.length(); q++) {
                char y = folded.charAt(q);
                buf[at++] = y;
                hash = WordTable.step(hash, y);
            }
        }
        foldEnd = at;
        foldHash = hash;
        return f | shape(c[from], to - from, lowerAfterFirst);
    }

    /** The shape from the first character (a letter or mark, never a surrogate) and the rest's lower case. */
    private static int shape(char first, int length, boolean lowerAfterFirst) {
        boolean upper = first < 0x80 ? first >= 'A' && first <= 'Z' : Character.isUpperCase(first);
        if (!upper) {
            boolean lower = first < 0x80 ? first >= 'a' && first <= 'z' : Character.isLowerCase(first);
            return lower ? LOWER : OTHER;
        }
        if (length == 1) {
            return INITIAL;
        }
        return lowerAfterFirst ? CAPITALISED : UPPER;
    }

    /**
     * Whether the word is a listed abbreviation, compared in lower case (not folded): for an ASCII word without an
     * apostrophe the two are the same, so the bits of the folded word answer.
     */
    private static boolean abbreviation(WordTable table, int flags, int foldedBits, String s, int from, int to) {
        if ((flags & NOT_ASCII) == 0) {
            return (flags & APOSTROPHE) == 0 && (foldedBits & ProperNounCues.ABBREVIATION) != 0;
        }
        return (table.get(s.substring(from, to).toLowerCase(Locale.ROOT)) & ProperNounCues.ABBREVIATION) != 0;
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
}
