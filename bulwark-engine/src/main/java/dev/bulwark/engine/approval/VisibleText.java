package dev.bulwark.engine.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arguments as an approver is shown them: every character a screen does not show as itself (Unicode format
 * characters such as direction overrides and isolates, zero-width spaces and joiners, tag characters, the byte order
 * mark; and control characters other than tab and line breaks) becomes a visible mark {@code [U+XXXX]}. Otherwise an
 * approver reads a reordered or shortened value (a right-to-left override, a zero-width space in an account number)
 * and approves a call other than the one they think. Only what is shown changes: the call stays bound to, and runs
 * with, its real arguments.
 */
final class VisibleText {
    private VisibleText() {}

    /** The tree with every string (values and object keys) made visible; other values unchanged. */
    static Object of(Object value) {
        return switch (value) {
            case String s -> of(s);
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(of(String.valueOf(k)), of(v)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(of(item)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ofArguments(Map<String, Object> arguments) {
        return (Map<String, Object>) of((Object) arguments);
    }

    static String of(String s) {
        int i = 0;
        while (i < s.length() && !hidden(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (hidden(c)) {
                out.append(String.format("[U+%04X]", c));
            } else {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.CONTROL && c != '\t' && c != '\n' && c != '\r'
                || type == Character.UNASSIGNED || type == Character.SURROGATE;
    }
}
