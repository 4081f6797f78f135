package dev.bulwark.anomaly;

import java.util.Map;
import java.util.TreeMap;

/** Writes a flat map of strings, numbers and booleans as one JSON object, keys sorted (stored facts). */
final class FlatJson {
    private FlatJson() {}

    static String write(Map<String, Object> facts) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : new TreeMap<>(facts).entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, e.getKey());
            out.append(':');
            Object v = e.getValue();
            if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                out.append(n);
            } else if (v instanceof Boolean b) {
                out.append(b);
            } else {
                string(out, String.valueOf(v));
            }
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
