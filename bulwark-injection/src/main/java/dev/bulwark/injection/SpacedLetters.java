package dev.bulwark.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * Letters spaced out to slip past word matching: "i g n o r e  p r e v i o u s", "i.g.n.o.r.e", "i-g-n-o-r-e". Runs of
 * single characters separated by one separator are joined into words.
 */
final class SpacedLetters {
    private SpacedLetters() {}

    private static final String CHAIN_SEPARATORS = " .-*_|/+~,";
    private static final int MIN_CHAIN = 3;

    /**
     * The joined text, for each of its characters the index of the base character it stands for, and whether any run
     * was joined.
     */
    record Joined(StringBuilder text, int[] index, boolean chains) {
    }

    /** Whether some letter or digit stands alone between separators and is followed by another such one. */
    static boolean mayChain(String t) {
        int n = t.length();
        for (int i = 0; i + 2 < n; i++) {
            if (isAlnum(t.charAt(i)) && (i == 0 || !isAlnum(t.charAt(i - 1))) && !isAlnum(t.charAt(i + 1))
                    && CHAIN_SEPARATORS.indexOf(t.charAt(i + 1)) >= 0 && isAlnum(t.charAt(i + 2))
                    && (i + 3 >= n || !isAlnum(t.charAt(i + 3)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Joins runs of single characters separated by one separator: "i g n o r e" becomes "ignore", "a.l.l" becomes
     * "all". With spaces as separators a wide gap (two blanks, a line break) inside the run stays a word break:
     * "i g n o r e  a l l" becomes "ignore all".
     */
    static Joined join(StringBuilder t, int[] baseIndex, int n, NormalizedText base) {
        List<int[]> chains = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int len = chainLength(t, i, n);
            if (len >= 2 && alnumElements(t, i, len) >= 2) {
                chains.add(new int[] {i, len});
                i += 2 * len - 1;
            } else {
                i++;
            }
        }
        StringBuilder out = new StringBuilder(n);
        int[] index = new int[n];
        boolean any = false;
        int at = 0;
        for (int c = 0; c < chains.size(); c++) {
            int[] chain = chains.get(c);
            // two-letter runs ("a.i", "a n") count only beside another run: alone they are abbreviations
            if (chain[1] < MIN_CHAIN && !adjacent(chains, c - 1, c, t) && !adjacent(chains, c, c + 1, t)) {
                continue;
            }
            for (; at < chain[0]; at++) {
                index[out.length()] = baseIndex[at];
                out.append(t.charAt(at));
            }
            for (int k = 0; k < chain[1]; k++) {
                int e = chain[0] + 2 * k;
                if (k > 0 && t.charAt(e - 1) == ' ' && base.wideGap(baseIndex[e - 1])) {
                    index[out.length()] = baseIndex[e - 1];
                    out.append(' ');
                }
                index[out.length()] = baseIndex[e];
                out.append(t.charAt(e));
            }
            any = true;
            at = chain[0] + 2 * chain[1] - 1;
        }
        for (; at < n; at++) {
            index[out.length()] = baseIndex[at];
            out.append(t.charAt(at));
        }
        return new Joined(out, index, any);
    }

    /** Whether run {@code b} starts right after the one character that follows run {@code a}, with its separator. */
    private static boolean adjacent(List<int[]> chains, int a, int b, StringBuilder t) {
        if (a < 0 || b >= chains.size()) {
            return false;
        }
        int[] first = chains.get(a);
        int[] second = chains.get(b);
        int end = first[0] + 2 * first[1] - 1;
        return second[0] == end + 1 && t.charAt(first[0] + 1) == t.charAt(second[0] + 1);
    }

    /** How many single characters, each separated from the next by the same one separator, start at {@code i}. */
    private static int chainLength(StringBuilder t, int i, int n) {
        if (i + 2 >= n || !isAlnum(t.charAt(i))) {
            return 0;
        }
        char sep = t.charAt(i + 1);
        if (CHAIN_SEPARATORS.indexOf(sep) < 0 || !single(t, i, n, sep)) {
            return 0;
        }
        int len = 1;
        int at = i;
        while (at + 2 < n && t.charAt(at + 1) == sep && single(t, at + 2, n, sep)) {
            len++;
            at += 2;
        }
        return len;
    }

    /** A character other than a blank with no letter or digit directly before or after it. */
    private static boolean single(StringBuilder t, int i, int n, char sep) {
        return i < n && t.charAt(i) != ' ' && (i == 0 || !isAlnum(t.charAt(i - 1)))
                && (i + 1 >= n || !isAlnum(t.charAt(i + 1)));
    }

    private static int alnumElements(StringBuilder t, int i, int len) {
        int count = 0;
        for (int k = 0; k < len && count < 2; k++) {
            count += isAlnum(t.charAt(i + 2 * k)) ? 1 : 0;
        }
        return count;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
