package dev.bulwark.guards.detect;

/**
 * Reads one word for {@link WordTokens}: where it ends, its shape and flags, and its {@link WordLists#fold folded}
 * form written into a buffer with the form's {@link WordTable#hash}, all in one pass over the characters. One reader
 * per {@link WordTokens}; the results of the last read are in its fields. The buffer needs room for
 * {@link CharFolds#MAX_LENGTH} characters (at least one) per character of the word.
 */
final class WordReader {
    /** Scratch flags of {@link #read}: fold the word as a whole; a character beyond ASCII; an ASCII apostrophe. */
    static final int WHOLE = 1 << 20;
    static final int NOT_ASCII = 1 << 21;
    static final int APOSTROPHE = 1 << 22;

    /** Of the last {@link #read}: end of the word as read, end before a possessive, end and hash of its fold. */
    int wordEnd;
    int coreEnd;
    int foldEnd;
    int foldHash;

    /**
     * {@link #read} for the common word of ASCII letters only, starting with the ASCII letter at {@code from}, with
     * few branches: the flags hold {@link WordTokens#ASCII_LETTERS}. -1 when the word goes on with an apostrophe, a
     * hyphen or a character beyond ASCII, for {@link #read} to start over.
     */
    int readAscii(char[] c, int from, int n, char[] buf, int at) {
        char x = c[from];
        int lower = x | 0x20;
        buf[at] = (char) lower;
        int h = lower;
        int firstUpper = (x >>> 5 & 1) ^ 1;
        // Bit 5 tells lower (set) from upper case (clear) among ASCII letters: the letters after the first are OR-ed
        // and AND-ed together and asked once at the end.
        int any = 0;
        int all = 0xFFFF;
        int shift = at - from;
        int p = from + 1;
        for (; p < n; p++) {
            char y = c[p];
            int ly = y | 0x20;
            if ((char) (ly - 'a') >= 26) {
                break;
            }
            any |= y;
            all &= y;
            buf[p + shift] = (char) ly;
            h = 31 * h + ly;
        }
        char next = p < n ? c[p] : ' ';
        if (next == '\'' || next == '-' || next >= 0x80) {
            return -1;
        }
        wordEnd = p;
        coreEnd = p;
        foldEnd = p + shift;
        foldHash = h;
        // The shape by arithmetic: whether a word is capitalised is what a branch would have to guess.
        int lowerAfterFirst = any >>> 5 & 1;
        int anyUpper = firstUpper | (all >>> 5 & 1 ^ 1);
        int one = (p - from - 2) >>> 31;
        int upperShape = (one << 1) | ((one ^ 1) & (lowerAfterFirst ^ 1));
        int lowerMask = firstUpper - 1;
        return (upperShape & ~lowerMask | WordTokens.LOWER & lowerMask) | (anyUpper ^ 1) * WordTokens.PLAIN_LOWER
                | WordTokens.ASCII_LETTERS;
    }

    /**
     * Reads the word starting (with a letter) at {@code from}, folding it into {@code buf} at {@code at} character
     * by character where {@link CharFolds} can, and works out its shape and flags; {@link #WHOLE} in the result when
     * the fold must be redone on the whole word. The flags, shape and fold leave out a possessive "'s": the state
     * before each apostrophe is kept to go back to.
     */
    int read(char[] c, int from, int n, char[] buf, int at) {
        int f = WordTokens.PLAIN_LOWER;
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
                    lowerAfterFirst |= i > from;
                } else if (x >= 'A' && x <= 'Z') {
                    f &= ~WordTokens.PLAIN_LOWER;
                    x += 'a' - 'A';
                } else if ((x == '\'' || x == '-') && i + 1 < n && Character.isLetter(c[i + 1])) {
                    if (x == '\'') {
                        apostrophe = i;
                        savedAt = at;
                        savedHash = hash;
                        savedFlags = f;
                        savedLower = lowerAfterFirst;
                        f = (f | APOSTROPHE) & ~WordTokens.PLAIN_LOWER;
                        i++;
                        continue;
                    }
                    f = (f | WordTokens.HYPHEN) & ~WordTokens.PLAIN_LOWER;
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
                f = (f | NOT_ASCII) & ~WordTokens.PLAIN_LOWER;
            } else if (letter(x)) {
                f = (f | NOT_ASCII) & ~WordTokens.PLAIN_LOWER;
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
            f = savedFlags | WordTokens.POSSESSIVE;
            lowerAfterFirst = savedLower;
        }
        foldEnd = at;
        foldHash = hash;
        return f | shape(c[from], coreEnd - from, lowerAfterFirst);
    }

    /** The shape from the first character (a letter or mark, never a surrogate) and the rest's lower case. */
    private static int shape(char first, int length, boolean lowerAfterFirst) {
        boolean upper = first < 0x80 ? first >= 'A' && first <= 'Z' : Character.isUpperCase(first);
        if (!upper) {
            boolean lower = first < 0x80 ? first >= 'a' && first <= 'z' : Character.isLowerCase(first);
            return lower ? WordTokens.LOWER : WordTokens.OTHER;
        }
        if (length == 1) {
            return WordTokens.INITIAL;
        }
        return lowerAfterFirst ? WordTokens.CAPITALISED : WordTokens.UPPER;
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
