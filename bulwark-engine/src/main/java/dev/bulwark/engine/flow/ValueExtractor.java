package dev.bulwark.engine.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds typed values in text and JSON trees and gives each its canonical keys. One pass splits the text into tokens;
 * each token is classified on its own ({@link TokenClassifier}), then short windows of neighbouring tokens are tried
 * for values written with spaces (dates with month names, amounts with a separate currency, grouped IBANs, phone
 * numbers in groups), and quoted strings are paired in the same pass. Every step is bounded per character, so the
 * cost is linear in the input; inputs beyond {@link Limits} are cut and the result says so.
 */
public final class ValueExtractor {
    /** Characters that end a token besides whitespace: they never belong to the values recognised here. */
    private static final String BREAKS = "\"`<>{}[]|()";
    private static final String LEAD = "([{<\"'“‘«*_`";
    private static final String TRAIL = ")]}>\"'”’».,;:!?*_`";
    private static final int MAX_QUOTED = 200;
    private static final int PHONE_WINDOW = 6;
    private static final int IBAN_WINDOW = 9;

    /**
     * Bounds of one extraction.
     *
     * @param maxChars  characters read in all (longer input is cut)
     * @param maxValues typed values kept
     * @param maxWords  words kept (words are kept apart so that prose cannot crowd out typed values)
     * @param maxDepth  nesting of a JSON tree read
     * @param maxNodes  nodes of a JSON tree read
     */
    public record Limits(int maxChars, int maxValues, int maxWords, int maxDepth, int maxNodes) {
        public Limits {
            if (maxChars < 1 || maxValues < 1 || maxWords < 0 || maxDepth < 1 || maxNodes < 1) {
                throw new IllegalArgumentException("extraction limits must be positive");
            }
        }

        public static Limits defaults() {
            return new Limits(1 << 20, 4096, 4096, 64, 100_000);
        }
    }

    /**
     * What an extraction found.
     *
     * @param values    the values kept, within the value and word bounds
     * @param overflow  keys of further values that were read but not kept (beyond the bounds)
     * @param truncated some input was not read at all (character, depth or node limit)
     */
    public record Extraction(List<FlowValue> values, List<String> overflow, boolean truncated) {
        public Extraction {
            values = List.copyOf(values);
            overflow = List.copyOf(overflow);
        }

        /** Whether everything the input held is in {@link #values()}. */
        public boolean complete() {
            return !truncated && overflow.isEmpty();
        }
    }

    private final Limits limits;

    public ValueExtractor(Limits limits) {
        this.limits = limits;
    }

    public ValueExtractor() {
        this(Limits.defaults());
    }

    Limits limits() {
        return limits;
    }

    /** The values of a text; {@code words} also keeps plain words (for matching short arguments such as names). */
    public Extraction fromText(String text, boolean words) {
        Found out = new Found(limits.maxValues(), words ? limits.maxWords() : 0);
        int[] budget = {limits.maxChars()};
        scan(text == null ? "" : text, out, words, budget);
        return new Extraction(out.values(), out.overflow(), out.truncated);
    }

    /** The values of every string and number in a JSON tree (object keys are names, not values, and are skipped). */
    public Extraction fromTree(Object tree, boolean words) {
        Found out = new Found(limits.maxValues(), words ? limits.maxWords() : 0);
        int[] budget = {limits.maxChars()};
        int[] nodes = {limits.maxNodes()};
        walk(tree, 0, out, words, budget, nodes);
        return new Extraction(out.values(), out.overflow(), out.truncated);
    }

    private void walk(Object node, int depth, Found out, boolean words, int[] budget, int[] nodes) {
        if (nodes[0]-- <= 0 || depth > limits.maxDepth()) {
            out.truncated = true;
            return;
        }
        if (node instanceof String s) {
            scan(s, out, words, budget);
            String phrase = Phrases.canonical(s);
            if (phrase != null) {
                out.add(ValueKind.QUOTED, phrase);
            }
        } else if (node instanceof Number n) {
            try {
                out.add(ValueKind.NUMBER, Numbers.key(n));
            } catch (NumberFormatException notFinite) {
                // NaN and infinities carry no value to trace
            }
        } else if (node instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                walk(child, depth + 1, out, words, budget, nodes);
            }
        } else if (node instanceof List<?> list) {
            for (Object child : list) {
                walk(child, depth + 1, out, words, budget, nodes);
            }
        }
    }

    private void scan(String text, Found out, boolean words, int[] budget) {
        String t = FlowText.normal(text);
        if (t.length() > budget[0]) {
            t = t.substring(0, budget[0]);
            out.truncated = true;
        }
        budget[0] -= t.length();
        List<String> cores = new ArrayList<>();
        List<String> lowers = new ArrayList<>();
        List<int[]> produced = new ArrayList<>();
        Phrases.Pairing quotes = new Phrases.Pairing(MAX_QUOTED);
        int i = 0;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            quotes.see(t, i, out);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || BREAKS.indexOf(c) >= 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < n) {
                char d = t.charAt(i);
                if (Character.isWhitespace(d) || Character.isSpaceChar(d) || BREAKS.indexOf(d) >= 0) {
                    break;
                }
                if (i > start) {
                    quotes.see(t, i, out);
                }
                i++;
            }
            String core = strip(t.substring(start, i));
            if (!core.isEmpty()) {
                String lower = core.toLowerCase(Locale.ROOT);
                cores.add(core);
                lowers.add(lower);
                int before = out.size();
                TokenClassifier.classify(core, lower, out, words, false);
                if (out.size() == before) {
                    TokenClassifier.afterLabel(core, out, words);
                }
                produced.add(new int[] {before, out.size()});
            }
        }
        boolean[] covered = new boolean[cores.size()];
        windows(cores, lowers, out, covered);
        for (int k = 0; k < covered.length; k++) {
            if (covered[k]) {
                out.dropPieces(produced.get(k)[0], produced.get(k)[1]);
            }
        }
    }

    static String strip(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && LEAD.indexOf(token.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && TRAIL.indexOf(token.charAt(to - 1)) >= 0) {
            to--;
        }
        return token.substring(from, to);
    }

    /** Values written across a few neighbouring tokens. */
    private static void windows(List<String> cores, List<String> lowers, Found out, boolean[] covered) {
        int n = cores.size();
        for (int i = 0; i < n; i++) {
            String a = lowers.get(i);
            String b = i + 1 < n ? lowers.get(i + 1) : "";
            String c = i + 2 < n ? lowers.get(i + 2) : "";
            cover(covered, i, groupedIban(cores, i, out));
            if (covered[i]) {
                continue; // inside a value already found: its groups are not phone numbers or amounts
            }
            cover(covered, i, monthDate(a, b, c, out));
            if (!b.isEmpty() && a.length() <= 40 && b.length() <= 40) {
                boolean aCurrency = a.length() <= 7 && TokenClassifier.CURRENCY_WORDS.contains(a);
                boolean bCurrency = b.length() <= 7 && TokenClassifier.CURRENCY_WORDS.contains(b);
                if (bCurrency && !Numbers.keys(a).isEmpty()) {
                    out.add(ValueKind.AMOUNT, Numbers.keys(a));
                    cover(covered, i, 1);
                } else if (aCurrency && !Numbers.keys(b).isEmpty()) {
                    out.add(ValueKind.AMOUNT, Numbers.keys(b));
                    cover(covered, i + 1, 1);
                }
            }
            cover(covered, i, groupedPhone(cores, i, out));
        }
    }

    private static void cover(boolean[] covered, int from, int count) {
        for (int k = from; k < from + count && k < covered.length; k++) {
            covered[k] = true;
        }
    }

    /** A date written with a month name; returns the number of tokens it took (0 if none). */
    private static int monthDate(String a, String b, String c, Found out) {
        if (b.isEmpty()) {
            return 0;
        }
        int month = Dates.month(a);
        int day = Dates.day(b);
        if (month == 0 || day == 0) {
            month = Dates.month(b);
            day = Dates.day(a);
        }
        if (month == 0 || day == 0) {
            return 0;
        }
        List<String> keys = new ArrayList<>(1);
        Dates.add(keys, Dates.year(c), month, day);
        out.add(ValueKind.DATE, keys);
        return keys.isEmpty() ? 0 : 3;
    }

    /** An IBAN written in groups; returns the number of tokens it took (0 if none). */
    private static int groupedIban(List<String> cores, int i, Found out) {
        String head = cores.get(i);
        if (head.length() != 4 || !Character.isLetter(head.charAt(0)) || !Character.isLetter(head.charAt(1))
                || !Character.isDigit(head.charAt(2)) || !Character.isDigit(head.charAt(3))) {
            return 0;
        }
        StringBuilder compact = new StringBuilder(head.toUpperCase(Locale.ROOT));
        String found = null;
        int took = 0;
        for (int j = i + 1; j < cores.size() && j <= i + IBAN_WINDOW; j++) {
            String g = cores.get(j);
            if (g.length() > 4 || !g.chars().allMatch(Character::isLetterOrDigit)) {
                break;
            }
            compact.append(g.toUpperCase(Locale.ROOT));
            if (Shapes.iban(compact.toString())) {
                found = compact.toString();
                took = j - i + 1;
            }
        }
        if (found != null) {
            out.add(ValueKind.IBAN, "id:" + found);
        }
        return took;
    }

    /** A phone number written in groups (the longest that fits); returns the tokens it took (0 if none). */
    private static int groupedPhone(List<String> cores, int i, Found out) {
        String first = cores.get(i);
        if (!(first.startsWith("+") || (first.length() >= 2 && first.length() <= 5))) {
            return 0;
        }
        StringBuilder digits = new StringBuilder();
        String best = null;
        int took = 0;
        int pieces = 0;
        for (int j = i; j < cores.size() && j < i + PHONE_WINDOW; j++) {
            String p = cores.get(j);
            if (p.length() > 8 || !phonePiece(p, j == i)) {
                break;
            }
            digits.append(Shapes.digitsOf(p));
            pieces++;
            if (pieces >= 2 && digits.length() >= 7 && digits.length() <= 15
                    && (first.startsWith("+") || pieces >= 3) && Shapes.digitsOf(p).length() >= 3) {
                best = digits.toString();
                took = pieces;
            }
        }
        if (best != null) {
            out.add(ValueKind.PHONE, Shapes.phoneKey(best));
        }
        return took;
    }

    private static boolean phonePiece(String p, boolean first) {
        boolean digit = false;
        for (int k = 0; k < p.length(); k++) {
            char c = p.charAt(k);
            if (Character.isDigit(c)) {
                digit = true;
            } else if (!(c == '-' || c == '.' || (c == '+' && first && k == 0))) {
                return false;
            }
        }
        return digit;
    }
}
