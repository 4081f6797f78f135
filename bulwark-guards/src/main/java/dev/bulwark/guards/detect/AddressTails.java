package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pieces {@link AddressRecognizer} absorbs after a street part: unit ("Apt 4"), a same-line tail of region
 * letters and postcode, and up to five locality pieces (", Springfield, IL 62704", next-line towns). Each pattern runs
 * only where a cheap necessary check on the characters at the piece's start passes, so a street part followed by
 * ordinary prose costs a few character reads instead of regex attempts; the unit and the locality are matched by
 * hand ({@link Units}, {@link Localities}).
 */
final class AddressTails {
    private static final String CAP = AddressRecognizer.CAP;
    /**
     * A postcode. Every alternative starts with a digit or with one or two capitals and a digit; the lookahead says
     * so first, which changes no match but spares trying seven alternatives at each capitalised word.
     */
    static final String ZIP = "(?=\\d|[A-Z]{1,2}\\d)(?:\\d{5}(?:-\\d{4})?|\\d{2}-\\d{3}|\\d{5}-\\d{3}|"
            + "\\d{3}[ ]?\\d{2}|\\d{3,6}|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]?[ ]\\d[A-Z]{2})";
    static final Pattern SAME_LINE_TAIL = Pattern.compile(
            "[ \\t]{1,2}(?:\\p{Lu}{2,}+(?:[ \\t]\\p{Lu}{2,}+){0,2}+(?:[ \\t]" + ZIP + ")?|" + ZIP + ")(?![\\p{L}\\p{N}])");
    private static final int MAX_ADDRESS = 240;

    /** Extensions worked out in this text: street part end, result, largest end the length limit was checked at. */
    private static final int MEMO = 8;
    private final String text;
    private final int[] memoEnd = new int[MEMO];
    private final int[] memoResult = new int[MEMO];
    private final int[] memoChecked = new int[MEMO];
    private int memoCount;

    /** Starts whose context words were looked up in this text, and the answers: several shapes share starts. */
    private final int[] contextStarts = new int[MEMO];
    private final boolean[] contextFound = new boolean[MEMO];
    private int contextCount;

    /** For one text: street parts of different shapes often end at the same place, and their tails are the same. */
    AddressTails(String text) {
        this.text = text;
    }

    /**
     * Where the address whose street part is {@code [start, end)} ends once the pieces after it are absorbed. The
     * start matters only through the length limit: a result worked out for the same street end is reused when the
     * limit, checked at every end it was checked at before, would pass for this start too.
     */
    int extend(int end, int start) {
        for (int k = 0; k < memoCount; k++) {
            if (memoEnd[k] == end && memoChecked[k] - start < MAX_ADDRESS) {
                return memoResult[k];
            }
        }
        int streetEnd = end;
        int unit = Units.match(text, end, Math.min(text.length(), end + 40));
        if (unit >= 0) {
            end = unit;
        }
        int near = Math.min(text.length(), end + 40);
        if (tailPossible(text, end, near)) {
            Matcher tail = SAME_LINE_TAIL.matcher(text);
            if (tail.region(end, near).lookingAt()) {
                end = tail.end();
            }
        }
        int checked = -1;
        boolean limited = false;
        for (int pieces = 0; pieces < 5; pieces++) {
            if (end - start >= MAX_ADDRESS) {
                limited = true;
                break;
            }
            checked = end;
            int limit = Math.min(text.length(), end + 80);
            unit = Units.match(text, end, limit);
            if (unit >= 0) {
                end = unit;
                continue;
            }
            if (!localityPossible(text, end, limit)) {
                break;
            }
            int locality = Localities.match(text, end, limit);
            if (locality < 0 || looksLikeLabel(text, locality)
                    || onNextLine(text, end) && !lineEndsAt(text, locality)) {
                break;
            }
            end = locality;
            if (text.charAt(end - 1) == '.' && end >= 2 && Character.isLowerCase(text.charAt(end - 2))) {
                // "80331 München." ends a sentence: the next line is prose, not more of the address.
                break;
            }
        }
        if (!limited && memoCount < MEMO) {
            memoEnd[memoCount] = streetEnd;
            memoResult[memoCount] = end;
            memoChecked[memoCount] = checked;
            memoCount++;
        }
        return end;
    }

    /** Whether one of {@code AddressRecognizer}'s context words is in the 40 characters before {@code start}. */
    boolean contextBefore(int start) {
        for (int k = 0; k < contextCount; k++) {
            if (contextStarts[k] == start) {
                return contextFound[k];
            }
        }
        boolean found = AddressRecognizer.CONTEXT.before(text, start, 40);
        if (contextCount < MEMO) {
            contextStarts[contextCount] = start;
            contextFound[contextCount] = found;
            contextCount++;
        }
        return found;
    }

    private static char at(String text, int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    private static boolean opening(char c) {
        return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n' || c == '>';
    }

    /**
     * SAME_LINE_TAIL is one or two blanks, then two capitals ({@code \p{Lu}{2,}}, perhaps outside the BMP) or a
     * postcode, which starts with an ASCII digit or with one or two ASCII capitals and a digit.
     */
    static boolean tailPossible(String text, int from, int limit) {
        for (int k = from; k < limit && k < from + 2 && blank(text.charAt(k)); k++) {
            if (k + 1 < limit) {
                char c = text.charAt(k + 1);
                char d = at(text, k + 2);
                if (c >= '0' && c <= '9' || Character.isHighSurrogate(c) || Character.isUpperCase(c)
                        && (Character.isUpperCase(d) || Character.isHighSurrogate(d) || d >= '0' && d <= '9')) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * LOCALITY opens with blanks and then a comma or a line break ({@code \r?\n}), with more blanks, commas, line
     * breaks and '>' after; then comes a postcode, a capitalised word or two capitals: an ASCII digit or an upper-case
     * letter ({@code \p{Lu}}, perhaps outside the BMP), right where that opening run ends.
     */
    static boolean localityPossible(String text, int from, int limit) {
        int k = from;
        while (k < limit && blank(text.charAt(k))) {
            k++;
        }
        if (k >= limit || text.charAt(k) != ',' && text.charAt(k) != '\r' && text.charAt(k) != '\n') {
            return false;
        }
        while (k < limit && opening(text.charAt(k))) {
            k++;
        }
        if (k >= limit) {
            return false;
        }
        char c = text.charAt(k);
        return c >= '0' && c <= '9' || Character.isUpperCase(c) || Character.isHighSurrogate(c);
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether the piece after {@code end} opens with a line break (after blanks). */
    private static boolean onNextLine(String text, int end) {
        int k = end;
        while (k < text.length() && blank(text.charAt(k))) {
            k++;
        }
        return k < text.length() && (text.charAt(k) == '\n' || text.charAt(k) == '\r');
    }

    /**
     * A town, region or postcode on a line of its own ends that line (or is followed by punctuation): a line that
     * goes on in prose ("Order ORD-77120 arrived damaged") is not part of the address above it.
     */
    private static boolean lineEndsAt(String text, int at) {
        int k = at;
        while (k < text.length() && blank(text.charAt(k))) {
            k++;
        }
        return k >= text.length() || ",.;:)(?!\r\n".indexOf(text.charAt(k)) >= 0;
    }

    /** "Mobile: ...", "Fax ...": a contact label is not a locality. */
    private static boolean looksLikeLabel(String text, int end) {
        return end < text.length() && text.charAt(end) == ':';
    }
}
