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
    /**
     * The {@link WordTable} bits of the folded word, or {@link #UNKNOWN} for a lower-case word not yet looked up: few
     * of them are ever asked about, and then mostly whether they are given names, which the table's filter answers.
     */
    private int[] bits = new int[32];
    /** The {@link WordTable#hash} of the folded word, for the lookups put off. */
    private int[] hash = new int[32];
    private static final int UNKNOWN = -1;
    private WordTable table;
    private int[] foldStart = new int[33];
    /** The {@link #CAPITALISED} words in order: most words are not, and several rules look only at these. */
    int[] capitalised = new int[32];
    int capitalisedCount;
    char[] folds = new char[128];
    /** Room for the context words a caller collects before and after a word. */
    final ContextWindow wordsBefore = new ContextWindow(3);
    final ContextWindow wordsAfter = new ContextWindow(3);

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
        return (bits(k) & bit) != 0;
    }

    /** The {@link WordTable} bits of the folded word. */
    int bits(int k) {
        int b = bits[k];
        if (b == UNKNOWN) {
            b = table.get(folds, foldStart[k], foldStart[k + 1] - 1, hash[k]);
            bits[k] = b;
        }
        return b;
    }

    /** As {@link #in} for bits the table filters ({@link WordTable#mayHold}), mostly without a lookup. */
    boolean inFiltered(int k, int bit) {
        return (bits[k] != UNKNOWN || table.mayHold(hash[k])) && in(k, bit);
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
        this.table = table;
        if (chars == null || chars.length < n) {
            chars = new char[Math.max(n, 64)];
        }
        s.getChars(0, n, chars, 0);
        char[] c = chars;
        count = 0;
        capitalisedCount = 0;
        int previousEnd = -1;
        int at = 0;
        int i = 0;
        // Room for every word folded character by character, each followed by a space; kept for the rest of the
        // text after each word.
        int room = n * PER_CHAR + 1;
        if (folds.length < room) {
            folds = new char[room];
        }
        // What lies between the previous word and the next, seen while skipping it: a line break; anything but
        // spaces and tabs (a possessive "'s" left out of the previous word counts as such).
        boolean gapBreak = false;
        boolean gapOther = false;
        while (i < n) {
            char x = c[i];
            if (x < 0x80 ? (char) ((x | 0x20) - 'a') >= 26 : !letter(x)) {
                gapBreak |= x == '\n' || x == '\r';
                gapOther |= x != ' ' && x != '\t';
                i++;
                continue;
            }
            int from = i;
            if (count == start.length) {
                grow();
            }
            int k = count;
            foldStart[k] = at;
            int f = readPlain(c, from, n, at);
            if (f < 0) {
                f = read(c, from, n, at);
            }
            i = wordEnd;
            int to = coreEnd;
            boolean possessive = (f & POSSESSIVE) != 0;
            int shape = f & SHAPE;
            int b;
            if ((f & WHOLE) != 0) {
                String folded = WordLists.fold(s.substring(from, to));
                int need = at + folded.length() + 1 + (n - i) * PER_CHAR + 1;
                if (folds.length < need) {
                    folds = Arrays.copyOf(folds, need);
                }
                folded.getChars(0, folded.length(), folds, at);
                b = table.get(folds, at, at + folded.length());
                at += folded.length();
            } else if (shape == LOWER && (i >= n || c[i] != '.')) {
                b = UNKNOWN;
                hash[k] = foldHash;
                at = foldEnd;
            } else {
                b = table.get(folds, at, foldEnd, foldHash);
                at = foldEnd;
            }
            folds[at++] = ' ';
            boolean keepDot = i < n && c[i] == '.' && !possessive
                    && (shape == INITIAL || abbreviation(table, f, b, s, from, to));
            int wordEnd = to + (keepDot ? 1 : 0);
            if (previousEnd < 0 || gapBreak) {
                f |= LINE_BREAK;
            } else if (!gapOther && from - previousEnd <= 3) {
                f |= JOINED;
            }
            gapBreak = false;
            gapOther = possessive;
            start[k] = from;
            end[k] = wordEnd;
            textEnd[k] = to;
            flags[k] = f & ~(WHOLE | NOT_ASCII | APOSTROPHE);
            bits[k] = b;
            if (shape == CAPITALISED) {
                capitalised[capitalisedCount++] = k;
            }
            count = k + 1;
            previousEnd = wordEnd;
            if (keepDot) {
                i++;
            }
        }
        foldStart[count] = at;
    }

    /** Scratch flags of {@link #read}: fold the word as a whole; a character beyond ASCII; an ASCII apostrophe. */
    private static final int WHOLE = 1 << 20;
    private static final int NOT_ASCII = 1 << 21;
    private static final int APOSTROPHE = 1 << 22;

    /** Of the last {@link #read}: end of the word as read, end before a possessive, end and hash of its fold. */
    private int wordEnd;
    private int coreEnd;
    private int foldEnd;
    private int foldHash;

    /**
     * {@link #read} for the common word of ASCII letters only, without branches per letter; -1 when the word goes on
     * with an apostrophe, a hyphen or a letter beyond ASCII, for {@link #read} to start over.
     */
    private int readPlain(char[] c, int from, int n, int at) {
        char first = c[from];
        if (first >= 0x80) {
            return -1;
        }
        char[] buf = folds;
        int lower = first | 0x20;
        buf[at++] = (char) lower;
        int hash = lower;
        int firstUpper = (first >>> 5 & 1) ^ 1;
        int anyUpper = firstUpper;
        int lowerAfterFirst = 0;
        int roman = (ROMAN >>> (lower - 'a') & 1) & firstUpper;
        int i = from + 1;
        for (; i < n; i++) {
            char x = c[i];
            int lx = x | 0x20;
            if ((char) (lx - 'a') >= 26) {
                if (x == '\'' || x == '-' || x >= 0x80) {
                    return -1;
                }
                break;
            }
            int isLower = x >>> 5 & 1;
            lowerAfterFirst |= isLower;
            anyUpper |= isLower ^ 1;
            roman &= (ROMAN >>> (lx - 'a') & 1) & (isLower ^ 1);
            buf[at++] = (char) lx;
            hash = 31 * hash + lx;
        }
        wordEnd = i;
        coreEnd = i;
        foldEnd = at;
        foldHash = hash;
        int shape = firstUpper == 0 ? LOWER : i - from == 1 ? INITIAL : lowerAfterFirst != 0 ? CAPITALISED : UPPER;
        return shape | (anyUpper == 0 ? PLAIN_LOWER : 0) | (roman != 0 ? ROMAN_LETTERS : 0);
    }

    /**
     * Reads the word starting (with a letter) at {@code from}, folding it into {@link #folds} at {@code at} character
     * by character where {@link CharFolds} can, and works out its shape and flags; {@link #WHOLE} in the result when
     * the fold must be redone on the whole word. The flags, shape and fold leave out a possessive "'s": the state
     * before each apostrophe is kept to go back to.
     */
    private int read(char[] c, int from, int n, int at) {
        char[] buf = folds;
        int f = PLAIN_LOWER | ROMAN_LETTERS;
        boolean lowerAfterFirst = false;
        int hash = 0;
        int apostrophe = -1;
        int savedAt = 0;
        int savedHash = 0;
        int savedFlags = 0;
        boolean savedLower = false;
        int i = from;
        while (i < n) {
            char x = c[i];
            if (x < 0x80) {
                if (x >= 'a' && x <= 'z') {
                    f &= ~ROMAN_LETTERS;
                    lowerAfterFirst |= i > from;
                } else if (x >= 'A' && x <= 'Z') {
                    f &= (ROMAN >>> (x - 'A') & 1) == 0 ? ~(PLAIN_LOWER | ROMAN_LETTERS) : ~PLAIN_LOWER;
                    x += 'a' - 'A';
                } else if ((x == '\'' || x == '-') && i + 1 < n && Character.isLetter(c[i + 1])) {
                    if (x == '\'') {
                        apostrophe = i;
                        savedAt = at;
                        savedHash = hash;
                        savedFlags = f;
                        savedLower = lowerAfterFirst;
                        f = (f | APOSTROPHE) & ~(PLAIN_LOWER | ROMAN_LETTERS);
                        i++;
                        continue;
                    }
                    f = (f | HYPHEN) & ~(PLAIN_LOWER | ROMAN_LETTERS);
                } else {
                    break;
                }
                buf[at++] = x;
                hash = WordTable.step(hash, x);
            } else if (x == '’') {
                if (i + 1 >= n || !Character.isLetter(c[i + 1])) {
                    break;
                }
                apostrophe = i;
                savedAt = at;
                savedHash = hash;
                savedFlags = f;
                savedLower = lowerAfterFirst;
                f = (f | NOT_ASCII) & ~(PLAIN_LOWER | ROMAN_LETTERS);
            } else if (letter(x)) {
                f = (f | NOT_ASCII) & ~(PLAIN_LOWER | ROMAN_LETTERS);
                lowerAfterFirst |= i > from && Character.isLowerCase(x);
                String folded = CharFolds.of(x);
                if (folded == null) {
                    f |= WHOLE;
                } else {
                    for (int q = 0; q < folded.length(); q++) {
                        char y = folded.charAt(q);
                        buf[at++] = y;
                        hash = WordTable.step(hash, y);
                    }
                }
            } else {
                break;
            }
            i++;
        }
        wordEnd = i;
        coreEnd = i;
        if (apostrophe >= 0 && apostrophe == i - 2 && c[i - 1] == 's') {
            coreEnd = i - 2;
            at = savedAt;
            hash = savedHash;
            f = savedFlags | POSSESSIVE;
            lowerAfterFirst = savedLower;
        }
        foldEnd = at;
        foldHash = hash;
        return f | shape(c[from], coreEnd - from, lowerAfterFirst);
    }

    /** The letters I V X L C D M, as bits counted from A. */
    private static final int ROMAN = 1 << ('i' - 'a') | 1 << ('v' - 'a') | 1 << ('x' - 'a') | 1 << ('l' - 'a')
            | 1 << ('c' - 'a') | 1 << ('d' - 'a') | 1 << ('m' - 'a');
    /** Most characters of {@link #folds} one character of a word can take, with the space after the word. */
    private static final int PER_CHAR = Math.max(1, CharFolds.MAX_LENGTH) + 1;

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
        hash = Arrays.copyOf(hash, size);
        foldStart = Arrays.copyOf(foldStart, size + 1);
        capitalised = Arrays.copyOf(capitalised, size);
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
