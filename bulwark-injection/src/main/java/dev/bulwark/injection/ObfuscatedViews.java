package dev.bulwark.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Second readings of a window for text that is obfuscated the way a model still reads but a matcher does not: markup
 * inside words ("ig&lt;b&gt;&lt;/b&gt;nore", "ig*no*re"), letters spaced out ("i g n o r e  p r e v i o u s",
 * "i.g.n.o.r.e"), leetspeak ("1gn0r3 4ll pr3v10u5") and zero-width characters used as word separators. Each view is
 * built only when the window shows that trait, so ordinary text costs one cheap pass. Every view maps back to the
 * original text, so findings in it point at the obfuscated span.
 */
final class ObfuscatedViews {
    private ObfuscatedViews() {}

    /**
     * The readings to scan besides {@code base} (of derived readings only the parts that differ from it) and, when
     * words were glued or split, the letters alone for the compact phrases.
     */
    record Readings(List<NormalizedText> views, NormalizedText compact) {
    }

    private static final Set<String> INLINE_TAGS = Set.of("b", "i", "u", "s", "em", "strong", "span", "a", "font",
            "code", "mark", "small", "sub", "sup", "del", "ins", "abbr", "q", "tt", "wbr");
    private static final String CHAIN_SEPARATORS = " .-*_|/+~,";
    private static final int MIN_CHAIN = 3;
    private static final int REACH = 240;

    static Readings of(String source, int from, int to, NormalizedText base) {
        List<NormalizedText> views = new ArrayList<>(3);
        boolean glued = false;
        if (invisibleBetweenLetters(source, from, to)) {
            views.add(NormalizedText.of(source, from, to, true));
            glued = true;
        }
        String t = base.text;
        if (!markupOrMarks(t) && !mayChain(t) && !hasLeet(t)) {
            return new Readings(views, glued ? lettersOnly(base) : null);
        }
        StringBuilder out = new StringBuilder(t.length());
        int[] index = new int[t.length()];
        int n = stripMarkup(t, out, index);
        boolean changed = n != t.length() || !out.toString().equals(t);
        Joined joined = despace(out, index, n, base);
        changed |= joined.chains;
        glued |= joined.chains;
        boolean leet = hasLeet(joined.text);
        NormalizedText plain = changed ? base.derive(joined.text, joined.index) : base;
        if (changed) {
            views.addAll(changedParts(plain, joined.text, joined.index, base.text));
        }
        NormalizedText deobfuscated = plain;
        if (leet) {
            String folded = leet(joined.text, 'i');
            deobfuscated = plain.withText(folded);
            views.addAll(changedParts(deobfuscated, folded, joined.index, base.text));
            String asL = leet(joined.text, 'l');
            if (!asL.equals(folded)) {
                views.addAll(changedParts(plain.withText(asL), asL, joined.index, base.text));
            }
        }
        NormalizedText compact = glued ? lettersOnly(deobfuscated) : null;
        return new Readings(views, compact);
    }

    /**
     * The parts of a reading around the places where it differs from the base reading, each with {@value #REACH}
     * characters of context on both sides (more than any rule match): the rest reads as the base, already scanned.
     */
    private static List<NormalizedText> changedParts(NormalizedText view, CharSequence text, int[] baseIndex,
                                                     String base) {
        List<NormalizedText> parts = new ArrayList<>();
        int n = text.length();
        int from = -1;
        int to = -1;
        for (int k = 0; k < n; k++) {
            boolean changed = text.charAt(k) != base.charAt(baseIndex[k]) || (k > 0 && baseIndex[k] != baseIndex[k - 1] + 1)
                    || (k == 0 && baseIndex[0] != 0);
            if (!changed) {
                continue;
            }
            int a = Math.max(0, k - REACH);
            int b = Math.min(n, k + REACH);
            if (from >= 0 && a <= to) {
                to = b;
            } else {
                if (from >= 0) {
                    parts.add(view.slice(from, to));
                }
                from = a;
                to = b;
            }
        }
        if (from >= 0) {
            parts.add(view.slice(from, to));
        }
        return parts;
    }

    private static boolean markupOrMarks(String t) {
        return t.indexOf('<') >= 0 || t.indexOf('*') >= 0 || t.indexOf('`') >= 0 || t.indexOf('~') >= 0;
    }

    /** Whether some letter or digit stands alone between separators and is followed by another such one. */
    private static boolean mayChain(String t) {
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

    private static boolean invisibleBetweenLetters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0xAD) {
                continue;
            }
            int cp = s.codePointAt(i);
            if (!NormalizedText.invisible(cp) || i == from) {
                continue;
            }
            int after = i + Character.charCount(cp);
            while (after < to && NormalizedText.invisible(s.codePointAt(after))) {
                after += Character.charCount(s.codePointAt(after));
            }
            if (after < to && Character.isLetterOrDigit(s.codePointBefore(i))
                    && Character.isLetterOrDigit(s.codePointAt(after))) {
                return true;
            }
            i = after - 1;
        }
        return false;
    }

    /** Drops inline tags and emphasis marks (* ` ~); other tags become a space. */
    private static int stripMarkup(String t, StringBuilder out, int[] index) {
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '<' && i + 1 < n && (isLetter(t.charAt(i + 1)) || t.charAt(i + 1) == '/')) {
                int close = t.indexOf('>', i);
                String name = close > 0 ? tagName(t, i + 1, close) : "";
                if (close > 0 && close - i <= 200 && t.lastIndexOf('<', close - 1) == i && isTag(t, i, name)) {
                    boolean inline = INLINE_TAGS.contains(name);
                    if (!inline && !out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                        index[out.length()] = i;
                        out.append(' ');
                    }
                    i = close + 1;
                    continue;
                }
            }
            if ((c == '*' || c == '`' || c == '~') && touchesLetter(t, i)) {
                // emphasis and code marks, inside words ("ig*no*re") or around them ("**ignore**")
                i++;
                continue;
            }
            index[out.length()] = i;
            out.append(c);
            i++;
        }
        return out.length();
    }

    /** Whether a run of marks starting or ending at {@code i} has a letter on either side. */
    private static boolean touchesLetter(String t, int i) {
        int a = i;
        while (a > 0 && isMark(t.charAt(a - 1))) {
            a--;
        }
        int b = i;
        while (b + 1 < t.length() && isMark(t.charAt(b + 1))) {
            b++;
        }
        return (a > 0 && isLetter(t.charAt(a - 1))) || (b + 1 < t.length() && isLetter(t.charAt(b + 1)));
    }

    private static boolean isMark(char c) {
        return c == '*' || c == '`' || c == '~';
    }

    /** A tag name is letters, then a blank, a slash or the closing bracket ("<de893>" is not a tag). */
    private static boolean isTag(String t, int open, String name) {
        if (name.isEmpty()) {
            return false;
        }
        int after = open + 1 + (t.charAt(open + 1) == '/' ? 1 : 0) + name.length();
        char c = t.charAt(after);
        return c == ' ' || c == '/' || c == '>';
    }

    private static String tagName(String t, int from, int to) {
        int i = from;
        if (i < to && t.charAt(i) == '/') {
            i++;
        }
        int start = i;
        while (i < to && isLetter(t.charAt(i))) {
            i++;
        }
        return t.substring(start, i);
    }

    private record Joined(StringBuilder text, int[] index, boolean chains) {
    }

    /**
     * Joins runs of single characters separated by one separator: "i g n o r e" becomes "ignore", "a.l.l" becomes
     * "all". With spaces as separators a wide gap (two blanks, a line break) inside the run stays a word break:
     * "i g n o r e  a l l" becomes "ignore all".
     */
    private static Joined despace(StringBuilder t, int[] baseIndex, int n, NormalizedText base) {
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

    /**
     * Whether a token reads as leetspeak: letters mixed with digits or symbols that stand for letters, at most three
     * digits in a row, not many more substitutions than letters, and not a hexadecimal string. IBANs, hashes, ids,
     * e-mail addresses and a trailing "!" are left alone.
     */
    private static boolean hasLeet(CharSequence t) {
        int n = t.length();
        int i = 0;
        while (i < n) {
            if (!leetTokenChar(t.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && leetTokenChar(t.charAt(i))) {
                i++;
            }
            if (leetToken(t, start, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean leetToken(CharSequence t, int start, int end) {
        int letters = 0;
        int leet = 0;
        int at = 0;
        int other = 0;
        int digitRun = 0;
        int longestRun = 0;
        boolean hex = true;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            digitRun = c >= '0' && c <= '9' ? digitRun + 1 : 0;
            longestRun = Math.max(longestRun, digitRun);
            if (isLetter(c)) {
                letters++;
                hex &= c <= 'f';
            } else if (c == '@') {
                at++;
            } else if ("013456789$".indexOf(c) >= 0 || (c == '!' && i + 1 < end)
                    || (c == '|' && i > start && i + 1 < end)) {
                leet++;
            } else if (c != '!') {
                other++;
            }
        }
        // an @ alone is an e-mail address or a handle; with other substitutions it stands for "a"
        leet += leet > 0 ? at : 0;
        int length = end - start;
        boolean hexString = hex && length >= 6;
        return letters >= 1 && leet >= 1 && leet <= 2 * letters + 1 && longestRun <= 3 && other == 0 && length >= 3
                && length <= 24 && !hexString;
    }

    /**
     * Once a window has a leetspeak token, heavily substituted words around it ("4551574n7") are folded too: any token
     * of at most 16 characters with a letter (account numbers and IBANs are longer).
     */
    private static boolean looseLeetToken(CharSequence t, int start, int end) {
        if (end - start > 16) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (isLetter(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Leetspeak folded in the tokens that read as leetspeak; {@code one} is what "1" stands for. */
    private static String leet(CharSequence t, char one) {
        int n = t.length();
        char[] out = new char[n];
        int i = 0;
        while (i < n) {
            if (!leetTokenChar(t.charAt(i))) {
                out[i] = t.charAt(i);
                i++;
                continue;
            }
            int start = i;
            while (i < n && leetTokenChar(t.charAt(i))) {
                i++;
            }
            boolean fold = leetToken(t, start, i) || looseLeetToken(t, start, i);
            for (int k = start; k < i; k++) {
                out[k] = fold ? leetValue(t, k, start, i, one) : t.charAt(k);
            }
        }
        return new String(out);
    }

    private static char leetValue(CharSequence t, int k, int start, int end, char one) {
        char c = t.charAt(k);
        boolean inner = k > start && k + 1 < end;
        return switch (c) {
            case '0' -> 'o';
            case '1' -> one;
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '6', '9' -> 'g';
            case '7' -> 't';
            case '8' -> 'b';
            case '@' -> 'a';
            case '$' -> 's';
            case '|' -> inner ? 'l' : c;
            case '!' -> k + 1 < end ? 'i' : c;
            case '+' -> inner ? 't' : c;
            default -> c;
        };
    }

    private static boolean leetTokenChar(char c) {
        return isAlnum(c) || c == '@' || c == '$' || c == '|' || c == '!' || c == '+';
    }

    /** The letters alone, for phrases whose words were glued together or split apart. */
    private static NormalizedText lettersOnly(NormalizedText view) {
        String t = view.text;
        StringBuilder out = new StringBuilder(t.length());
        int[] index = new int[t.length()];
        for (int i = 0; i < t.length(); i++) {
            if (isLetter(t.charAt(i))) {
                index[out.length()] = i;
                out.append(t.charAt(i));
            }
        }
        return view.derive(out, index);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
