package dev.bulwark.engine.flow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical forms of written numbers: {@code 1,000.00}, {@code 1000}, {@code 1.000,00} and {@code 1'000} are all
 * {@code num:1000}. Where the separators do not say which is the decimal mark ({@code 1.000}, {@code 1,500}), both
 * readings are returned.
 */
final class Numbers {
    private static final int MAX_CHARS = 40;

    private Numbers() {}

    /** The canonical keys of {@code s} read as a number, or none if it is not one. */
    static List<String> keys(String s) {
        if (s.isEmpty() || s.length() > MAX_CHARS) {
            return List.of();
        }
        int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        boolean negative = s.charAt(0) == '-';
        int lastDot = -1;
        int lastComma = -1;
        int dots = 0;
        int commas = 0;
        int digits = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dots++;
                lastDot = i;
            } else if (c == ',') {
                commas++;
                lastComma = i;
            } else if (grouping(c)) {
                // grouping marks only; checked below by shape
            } else {
                return List.of();
            }
        }
        if (digits == 0 || !Character.isDigit(s.charAt(start)) || !Character.isDigit(s.charAt(s.length() - 1))) {
            return List.of();
        }
        String body = s.substring(start);
        List<String> out = new ArrayList<>(2);
        if (dots > 0 && commas > 0) {
            char decimal = lastDot > lastComma ? '.' : ',';
            char group = decimal == '.' ? ',' : '.';
            if ((decimal == '.' ? dots : commas) != 1) {
                return List.of();
            }
            add(out, negative, grouped(body, group, decimal));
        } else if (dots + commas == 0) {
            add(out, negative, grouped(body, '\'', '\u0000'));
        } else {
            char mark = dots > 0 ? '.' : ',';
            int count = Math.max(dots, commas);
            boolean groupsOfThree = groupsOfThree(body, mark);
            if (count > 1) {
                if (groupsOfThree) {
                    add(out, negative, grouped(body, mark, '\u0000'));
                }
            } else {
                add(out, negative, grouped(body, '\'', mark));
                if (groupsOfThree) {
                    add(out, negative, grouped(body, mark, '\u0000'));
                }
            }
        }
        return out;
    }

    /** Marks that only group digits: apostrophes (Swiss {@code 1'000}, also typographic), underscores, narrow spaces. */
    private static boolean grouping(char c) {
        return c == '\'' || c == '\u2019' || c == '\u02bc' || c == '_' || c == '\u00a0' || c == '\u202f';
    }

    private static boolean groupsOfThree(String body, char mark) {
        int first = body.indexOf(mark);
        if (first < 1 || first > 3) {
            return false;
        }
        int run = 0;
        for (int i = first + 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == mark) {
                if (run != 3) {
                    return false;
                }
                run = 0;
            } else if (Character.isDigit(c)) {
                run++;
            } else {
                return false;
            }
        }
        return run == 3;
    }

    /** Removes group marks (and the other grouping characters) and makes {@code decimal} a dot; null if malformed. */
    private static String grouped(String body, char group, char decimal) {
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == decimal) {
                b.append('.');
            } else if (c == group || grouping(c)) {
                continue;
            } else if (Character.isDigit(c)) {
                b.append(c);
            } else {
                return null;
            }
        }
        return b.toString();
    }

    private static void add(List<String> out, boolean negative, String plain) {
        if (plain == null || plain.isEmpty() || plain.startsWith(".") || plain.endsWith(".")) {
            return;
        }
        String canonical = canonical(new BigDecimal(plain));
        String key = "num:" + (negative && !canonical.equals("0") ? "-" : "") + canonical;
        if (!out.contains(key)) {
            out.add(key);
        }
    }

    /** The key of a JSON number. */
    static String key(Number n) {
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        return "num:" + canonical(d);
    }

    private static String canonical(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** Significant digits of a canonical number key, without sign, leading zeros and decimal point. */
    static int digits(String key) {
        int n = 0;
        boolean leading = true;
        for (int i = 4; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isDigit(c)) {
                if (c != '0' || !leading) {
                    leading = false;
                    n++;
                }
            }
        }
        return n;
    }
}
