package dev.bulwark.audit;

import dev.bulwark.spi.JsonTrees;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON form that audit hashes are computed over; see the package documentation for the rules.
 *
 * <p>{@link #normalize} turns a JSON tree into the one Java shape that the canonical text reads back as, so that an
 * event stored and read again is equal to the event that was hashed.
 */
public final class CanonicalJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int INITIAL_CAPACITY = 1024;
    /** A builder grown beyond this is dropped after use rather than kept by its thread. */
    private static final int KEPT_CAPACITY = 16 * 1024; // at most ~32 KB kept per thread, ~6 MB for 200 threads
    private static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();

    private CanonicalJson() {}

    /** The canonical text of a JSON tree (maps with string keys, lists, strings, numbers, booleans, null). */
    public static String write(Object value) {
        // one builder per thread, reused: an event's details run to kilobytes, and growing a new builder to that size
        // for every record copied it several times over
        StringBuilder out = BUFFER.get();
        BUFFER.set(null); // taken while in use, so a write reached from inside this one gets its own
        if (out == null) {
            out = new StringBuilder(INITIAL_CAPACITY);
        }
        out.setLength(0);
        try {
            write(value, out);
            return out.toString();
        } finally {
            if (out.capacity() <= KEPT_CAPACITY) {
                BUFFER.set(out);
            }
        }
    }

    /**
     * Returns the tree with every number in its canonical Java type (integers as {@link Long}, or
     * {@link java.math.BigInteger} beyond the long range; fractions as {@link Double}) and maps in key order, frozen
     * ({@link JsonTrees#canonicalValue}): a tree already in that form is returned as it is.
     *
     * @throws IllegalArgumentException for a non-finite number, an unknown number type or a non-JSON value
     */
    public static Object normalize(Object value) {
        // one definition of the canonical shape, shared with the records that build details in it (taken as they are)
        return JsonTrees.canonicalValue(value);
    }

    /** Normalizes an object tree; the result's iteration order is the canonical key order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalizeObject(Map<String, ?> object) {
        return (Map<String, Object>) normalize(object);
    }

    private static Number normalizeNumber(Number number) {
        return JsonTrees.canonicalNumber(number);
    }

    /**
     * Text that {@link #write(Object)} made earlier, spliced in as it is: lets a caller that needs both a subtree's
     * canonical text and a document containing it write the subtree once. Only for text this class wrote.
     */
    record Written(String json) {
        Written {
            java.util.Objects.requireNonNull(json, "json");
        }
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Written written) {
            out.append(written.json());
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Number n) {
            writeNumber(normalizeNumber(n), out);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        // a sorted map in natural order (as normalize makes them) is in canonical order already
        Map<?, ?> sorted = JsonTrees.isCanonical(map) || map instanceof java.util.SortedMap<?, ?> s && s.comparator() == null
                ? map : sorted(map);
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : sorted.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(key, out);
            out.append(':');
            write(e.getValue(), out);
        }
        out.append('}');
    }

    private static TreeMap<String, Object> sorted(Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>(); // String order is UTF-16 code unit order, as RFC 8785 asks
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
            }
            sorted.put(key, e.getValue());
        }
        return sorted;
    }

    private static void writeNumber(Number n, StringBuilder out) {
        if (n instanceof Double d) {
            out.append(formatDouble(d));
        } else {
            out.append(n); // Long or BigInteger: plain decimal digits
        }
    }

    /**
     * RFC 8785 (ECMAScript) number form with one deviation: a double with an integral value in plain notation keeps
     * {@code .0}, so that it reads back as a double and not as an integer.
     */
    static String formatDouble(double d) {
        if (d == 0.0) {
            return "0.0";
        }
        String sign = d < 0 ? "-" : "";
        double abs = Math.abs(d);
        // Double.toString gives the shortest decimal that round-trips (JDK 19+), as ECMAScript does
        BigDecimal shortest = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
        if (shortest.precision() == 2) {
            // Java may print two digits where one round-trips (4.9E-324); ECMAScript takes the single digit
            BigDecimal one = shortest.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(one.toString()) == abs) {
                shortest = one.stripTrailingZeros();
            }
        }
        if (abs >= 1e-6 && abs < 1e21) {
            String plain = shortest.toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(s, i)) {
                        // a lone surrogate has no UTF-8 form: escaping keeps the text exact and the bytes valid
                        escape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static void escape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
