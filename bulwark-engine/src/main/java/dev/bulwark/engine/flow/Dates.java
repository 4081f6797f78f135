package dev.bulwark.engine.flow;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical forms of written dates ({@code date:2024-03-05}). Numeric day/month orders that the text does not decide
 * ({@code 05/03/2024}) give both readings; a date that is not a real day gives none.
 */
final class Dates {
    private static final Map<String, Integer> MONTHS = months();

    private Dates() {}

    private static Map<String, Integer> months() {
        String[] names = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"};
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], i + 1);
            m.put(names[i].substring(0, 3), i + 1);
        }
        m.put("sept", 9);
        return Map.copyOf(m);
    }

    /** The month a word names (full or three letters, any case, trailing dot allowed), or 0. */
    static int month(String word) {
        if (word.length() < 3 || word.length() > 10 || !Character.isLetter(word.charAt(0))) {
            return 0;
        }
        String w = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
        return MONTHS.getOrDefault(w.toLowerCase(Locale.ROOT), 0);
    }

    /** A day of month written as {@code 5}, {@code 05}, {@code 5th}, {@code 5,}; 0 if not one. */
    static int day(String word) {
        if (word.isEmpty() || word.length() > 5 || !Character.isDigit(word.charAt(0))) {
            return 0;
        }
        String w = word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
        String lower = w.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {"st", "nd", "rd", "th"}) {
            if (lower.endsWith(suffix)) {
                lower = lower.substring(0, lower.length() - 2);
                break;
            }
        }
        int d = smallInt(lower, 2);
        return d >= 1 && d <= 31 ? d : 0;
    }

    /** A four-digit year, or 0. */
    static int year(String word) {
        String w = word.endsWith(",") || word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
        return w.length() == 4 ? smallInt(w, 4) : 0;
    }

    /** Keys of a one-token numeric date ({@code 2024-03-05}, {@code 2024-03-05T10:00}, {@code 5.3.2024}, …). */
    static List<String> keys(String token) {
        String t = token;
        int tee = t.indexOf('T');
        if (tee == 10) {
            t = t.substring(0, 10);
        }
        if (t.length() < 8 || t.length() > 10) {
            return List.of();
        }
        char sep = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isDigit(c)) {
                if (c != '-' && c != '/' && c != '.') {
                    return List.of();
                }
                if (sep == 0) {
                    sep = c;
                } else if (sep != c) {
                    return List.of();
                }
            }
        }
        if (sep == 0) {
            return List.of();
        }
        int first = t.indexOf(sep);
        int second = t.indexOf(sep, first + 1);
        if (second < 0 || t.indexOf(sep, second + 1) >= 0) {
            return List.of();
        }
        String[] p = {t.substring(0, first), t.substring(first + 1, second), t.substring(second + 1)};
        List<String> out = new ArrayList<>(2);
        if (p[0].length() == 4) {
            add(out, smallInt(p[0], 4), smallInt(p[1], 2), smallInt(p[2], 2));
        } else if (p[2].length() == 4 && p[0].length() <= 2 && p[1].length() <= 2) {
            int a = smallInt(p[0], 2);
            int b = smallInt(p[1], 2);
            int y = smallInt(p[2], 4);
            if (sep == '.') {
                add(out, y, b, a); // day.month.year is the only dotted convention in use
            } else {
                add(out, y, b, a);
                add(out, y, a, b);
            }
        }
        return out;
    }

    static void add(List<String> out, int year, int month, int day) {
        if (year < 1000 || month < 1 || day < 1) {
            return;
        }
        try {
            String key = "date:" + LocalDate.of(year, month, day);
            if (!out.contains(key)) {
                out.add(key);
            }
        } catch (DateTimeException notADay) {
            // 31/02 and the like: not a date
        }
    }

    private static int smallInt(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
