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
    private static final int REACH = 240;

    static Readings of(String source, int from, int to, NormalizedText base) {
        List<NormalizedText> views = new ArrayList<>(3);
        boolean glued = false;
        if (invisibleBetweenLetters(source, from, to)) {
            views.add(NormalizedText.of(source, from, to, true));
            glued = true;
        }
        String t = base.text;
        if (!markupOrMarks(t) && !SpacedLetters.mayChain(t) && !Leetspeak.present(t)) {
            return new Readings(views, glued ? lettersOnly(base) : null);
        }
        StringBuilder out = new StringBuilder(t.length());
        int[] index = new int[t.length()];
        int n = stripMarkup(t, out, index);
        boolean changed = n != t.length() || !out.toString().equals(t);
        SpacedLetters.Joined joined = SpacedLetters.join(out, index, n, base);
        changed |= joined.chains();
        glued |= joined.chains();
        boolean leet = Leetspeak.present(joined.text());
        NormalizedText plain = changed ? base.derive(joined.text(), joined.index()) : base;
        if (changed) {
            views.addAll(changedParts(plain, joined.text(), joined.index(), base.text));
        }
        NormalizedText deobfuscated = plain;
        if (leet) {
            String folded = Leetspeak.fold(joined.text(), 'i');
            deobfuscated = plain.withText(folded);
            views.addAll(changedParts(deobfuscated, folded, joined.index(), base.text));
            String asL = Leetspeak.fold(joined.text(), 'l');
            if (!asL.equals(folded)) {
                views.addAll(changedParts(plain.withText(asL), asL, joined.index(), base.text));
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
            boolean changed = text.charAt(k) != base.charAt(baseIndex[k])
                    || (k > 0 && baseIndex[k] != baseIndex[k - 1] + 1) || (k == 0 && baseIndex[0] != 0);
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

}
