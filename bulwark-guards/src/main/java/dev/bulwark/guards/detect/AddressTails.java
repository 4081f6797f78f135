package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pieces {@link AddressRecognizer} absorbs after a street part: unit ("Apt 4"), a same-line tail of region
 * letters and postcode, and up to five locality pieces (", Springfield, IL 62704", next-line towns). Each pattern runs
 * only where a cheap necessary check on the characters at the piece's start passes, so a street part followed by
 * ordinary prose costs a few character reads instead of regex attempts; the locality is matched by hand
 * ({@link Localities}).
 */
final class AddressTails {
    private static final String CAP = AddressRecognizer.CAP;
    static final Pattern UNIT = Pattern.compile(
            "(?i)(?:,?[ \\t]{0,3}+|[ \\t]*\\r?\\n[ \\t>]*)(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|"
                    + "Building|#|No)\\.?[ \\t]?#?[A-Za-z]?\\d{1,5}[A-Za-z]?(?![\\w])");
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
        Matcher unit = null;
        int near = Math.min(text.length(), end + 40);
        if (unitPossible(text, end, near)) {
            unit = UNIT.matcher(text);
            if (unit.region(end, near).lookingAt()) {
                end = unit.end();
            }
        }
        near = Math.min(text.length(), end + 40);
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
            if (unitPossible(text, end, limit)) {
                unit = unit == null ? UNIT.matcher(text) : unit;
                if (unit.region(end, limit).lookingAt()) {
                    end = unit.end();
                    continue;
                }
            }
            if (!localityPossible(text, end, limit)) {
                break;
            }
            int locality = Localities.match(text, end, limit);
            if (locality < 0 || looksLikeLabel(text, locality)) {
                break;
            }
            end = locality;
        }
        if (!limited && memoCount < MEMO) {
            memoEnd[memoCount] = streetEnd;
            memoResult[memoCount] = end;
            memoChecked[memoCount] = checked;
            memoCount++;
        }
        return end;
    }

    /** UNIT's keywords, lower case; the pattern compares them ASCII case-insensitively. */
    private static final String[] UNIT_WORDS = {"apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl",
            "room", "rm", "bldg", "building", "#", "no"};

    /**
     * UNIT opens with commas, blanks, line breaks and '>' only, so its keyword starts where that run ends. After the
     * keyword come an optional full stop, blank, '#' and ASCII letter, each a different character, so each is taken
     * when present, and then a digit.
     */
    static boolean unitPossible(String text, int from, int limit) {
        int k = from;
        while (k < limit && opening(text.charAt(k))) {
            k++;
        }
        if (k >= limit) {
            return false;
        }
        char first = text.charAt(k);
        first = first >= 'A' && first <= 'Z' ? (char) (first + 0x20) : first;
        for (String word : UNIT_WORDS) {
            if (word.charAt(0) == first && asciiIgnoreCase(text, k, word)
                    && digitAfterKeyword(text, k + word.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean digitAfterKeyword(String text, int j) {
        if (at(text, j) == '.') {
            j++;
        }
        if (blank(at(text, j))) {
            j++;
        }
        if (at(text, j) == '#') {
            j++;
        }
        char c = at(text, j);
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            j++;
        }
        c = at(text, j);
        return c >= '0' && c <= '9';
    }

    /** Whether {@code text} at {@code i} is {@code lower} with ASCII letters in any case. */
    private static boolean asciiIgnoreCase(String text, int i, String lower) {
        if (i + lower.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = text.charAt(i + k);
            if (c != lower.charAt(k) && !(c >= 'A' && c <= 'Z' && c + 0x20 == lower.charAt(k))) {
                return false;
            }
        }
        return true;
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

    /** "Mobile: ...", "Fax ...": a contact label is not a locality. */
    private static boolean looksLikeLabel(String text, int end) {
        return end < text.length() && text.charAt(end) == ':';
    }
}
