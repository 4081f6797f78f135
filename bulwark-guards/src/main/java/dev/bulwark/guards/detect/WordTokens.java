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
    /** Only ASCII letters (no apostrophe, hyphen or possessive): the word's fold is its lower case. */
    static final int ASCII_LETTERS = 512;
    /**
     * Between the end of the previous word's letters (or the text start) and this word: a line feed; a character
     * of a {@link ContextWords#wordChar context word} (a digit, an apostrophe, a possessive "'s", ...).
     */
    static final int NEWLINE_BEFORE = 1024;
    static final int WORD_CHAR_BEFORE = 2048;

    /** Texts longer than this get arrays of their own rather than the thread's reused ones, which stay small. */
    private static final int REUSE_LIMIT = 1 << 12;
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
    /** The table {@link #otherBits} holds bits of (none yet for this text: {@code null}). */
    private WordTable otherTable;
    private int[] otherBits = new int[32];
    private int[] foldStart = new int[33];
    /** The {@link #CAPITALISED} words in order: most words are not, and several rules look only at these. */
    int[] capitalised = new int[32];
    int capitalisedCount;
    /** {@link #NEWLINE_BEFORE} and {@link #WORD_CHAR_BEFORE} of the rest of the text after the last word. */
    int tailFlags;
    char[] folds = new char[128];
    /** Room for the context words a caller collects before and after a word. */
    final ContextWindow wordsBefore = new ContextWindow(3);
    final ContextWindow wordsAfter = new ContextWindow(3);
    private final WordReader reader = new WordReader();

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

    /** The {@link WordTable#hash} of the folded word. */
    int hash(int k) {
        return hash[k];
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

    /**
     * The bits of the folded word in another table ({@link ContextWords}), looked up once per text and table: the
     * context words of neighbouring names overlap.
     */
    int bitsIn(int k, WordTable other) {
        if (other != otherTable) {
            otherTable = other;
            Arrays.fill(otherBits, 0, count, UNKNOWN);
        }
        int b = otherBits[k];
        if (b == UNKNOWN) {
            b = other.get(folds, foldStart[k], foldStart[k + 1] - 1, hash[k]);
            otherBits[k] = b;
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

    /** Whether the word's letters (no possessive, no period) are only I V X L C D M; asked of few words. */
    boolean romanLetters(int k) {
        for (int i = start[k]; i < textEnd[k]; i++) {
            char x = chars[i];
            if (x != 'I' && x != 'V' && x != 'X' && x != 'L' && x != 'C' && x != 'D' && x != 'M') {
                return false;
            }
        }
        return true;
    }

    int length(int k) {
        return textEnd[k] - start[k];
    }

    /** Whether word {@code k} is written exactly {@code word}. */
    boolean is(int k, String word) {
        int from = start[k];
        if (textEnd[k] - from != word.length()) {
            return false;
        }
        for (int j = 0; j < word.length(); j++) {
            if (chars[from + j] != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text has {@code s} at {@code at} (any index: none is found outside the text). */
    boolean textAt(int at, String s) {
        if (at < 0 || at > length - s.length()) {
            return false;
        }
        for (int j = 0; j < s.length(); j++) {
            if (chars[at + j] != s.charAt(j)) {
                return false;
            }
        }
        return true;
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
        otherTable = null;
        int previousEnd = -1;
        int at = 0;
        int i = 0;
        // Room for every word folded character by character, each followed by a space; kept for the rest of the
        // text after each word.
        int room = n * PER_CHAR + 1;
        if (folds.length < room) {
            folds = new char[room];
        }
        // What lies between the previous word and the next, seen while skipping it ({@link #ASCII_GAP} bits): a
        // line break; anything but spaces and tabs (a possessive "'s" left out of the previous word counts as such).
        int gap = 0;
        while (i < n) {
            char x = c[i];
            int g = x < 0x80 ? ASCII_GAP[x]
                    : WordReader.letter(x) ? 0 : GAP_OTHER | (ContextWords.wordChar(x) ? GAP_WORD : 0);
            if (g != 0) {
                gap |= g;
                i++;
                continue;
            }
            int from = i;
            if (count == start.length) {
                grow();
            }
            int k = count;
            foldStart[k] = at;
            // The common word of ASCII letters only first; a word going on with an apostrophe, a hyphen or a
            // letter beyond ASCII is read again in full.
            int f = x < 0x80 ? reader.readAscii(c, from, n, folds, at) : -1;
            if (f < 0) {
                f = reader.read(c, from, n, folds, at);
            }
            i = reader.wordEnd;
            int to = reader.coreEnd;
            int foldEnd = reader.foldEnd;
            int foldHash = reader.foldHash;
            boolean possessive = (f & POSSESSIVE) != 0;
            int shape = f & SHAPE;
            int b;
            if ((f & WordReader.WHOLE) != 0) {
                String folded = WordLists.fold(s.substring(from, to));
                int need = at + folded.length() + 1 + (n - i) * PER_CHAR + 1;
                if (folds.length < need) {
                    folds = Arrays.copyOf(folds, need);
                }
                folded.getChars(0, folded.length(), folds, at);
                hash[k] = WordTable.hash(folds, at, at + folded.length());
                b = table.get(folds, at, at + folded.length(), hash[k]);
                at += folded.length();
            } else {
                hash[k] = foldHash;
                // Looked up when asked (most words never are), unless the period after it may belong to it.
                b = i < n && c[i] == '.' ? table.get(folds, at, foldEnd, foldHash) : UNKNOWN;
                at = foldEnd;
            }
            folds[at++] = ' ';
            boolean keepDot = i < n && c[i] == '.' && !possessive
                    && (shape == INITIAL || abbreviation(table, f, b, s, from, to));
            int wordEnd = to + (keepDot ? 1 : 0);
            // A line break before the first word or in the gap; else joined across at most three spaces or tabs.
            int lineBreak = previousEnd >>> 31 | gap & GAP_BREAK;
            int joined = (lineBreak ^ 1) & (gap >>> 1 & 1 ^ 1) & ((previousEnd - from + 3) >>> 31 ^ 1);
            f |= lineBreak * LINE_BREAK | joined * JOINED | (gap & (GAP_NEWLINE | GAP_WORD)) << GAP_TO_FLAGS;
            gap = (f & POSSESSIVE) != 0 ? GAP_OTHER | GAP_WORD : 0;
            start[k] = from;
            end[k] = wordEnd;
            textEnd[k] = to;
            flags[k] = f & ~(WordReader.WHOLE | WordReader.NOT_ASCII | WordReader.APOSTROPHE);
            bits[k] = b;
            capitalised[capitalisedCount] = k;
            capitalisedCount += (shape - 1) >>> 31;
            count = k + 1;
            previousEnd = wordEnd;
            if (keepDot) {
                i++;
            }
            // The usual gap, one space before an ASCII letter, passed without the loop's test per character.
            if (i + 1 < n && c[i] == ' ' && (char) ((c[i + 1] | 0x20) - 'a') < 26) {
                gap |= ASCII_GAP[' '];
                i++;
            }
        }
        foldStart[count] = at;
        tailFlags = (gap & (GAP_NEWLINE | GAP_WORD)) << GAP_TO_FLAGS;
    }

    /** Bits of a gap: a line break in it; a character other than space and tab in it. */
    private static final int GAP_BREAK = 1;
    private static final int GAP_OTHER = 2;
    /** A line feed; a context word character (the apostrophe after a possessive word counts): see {@link #flags}. */
    private static final int GAP_NEWLINE = 8;
    private static final int GAP_WORD = 16;
    private static final int GAP_TO_FLAGS = 7;
    /** Per ASCII character: 0 for a letter, else its gap bits with bit 4 set so that no gap character is 0. */
    private static final byte[] ASCII_GAP = new byte[0x80];

    static {
        for (char x = 0; x < 0x80; x++) {
            boolean letter = (x | 0x20) >= 'a' && (x | 0x20) <= 'z';
            int bits = x == '\n' || x == '\r' ? GAP_BREAK | GAP_OTHER : x == ' ' || x == '\t' ? 0 : GAP_OTHER;
            bits |= (x == '\n' ? GAP_NEWLINE : 0) | (ContextWords.wordChar(x) ? GAP_WORD : 0);
            ASCII_GAP[x] = (byte) (letter ? 0 : bits | 4);
        }
    }

    /** Most characters of {@link #folds} one character of a word can take, with the space after the word. */
    private static final int PER_CHAR = Math.max(1, CharFolds.MAX_LENGTH) + 1;

    /**
     * Whether the word is a listed abbreviation, compared in lower case (not folded): for an ASCII word without an
     * apostrophe the two are the same, so the bits of the folded word answer.
     */
    private static boolean abbreviation(WordTable table, int flags, int foldedBits, String s, int from, int to) {
        if ((flags & WordReader.NOT_ASCII) == 0) {
            return (flags & WordReader.APOSTROPHE) == 0 && (foldedBits & ProperNounCues.ABBREVIATION) != 0;
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
        otherBits = Arrays.copyOf(otherBits, size);
    }

}
