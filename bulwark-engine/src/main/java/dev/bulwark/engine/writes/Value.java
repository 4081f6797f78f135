package dev.bulwark.engine.writes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading argument values the way a connector might: numbers sent as strings count as numbers. */
final class Value {
    /** Marks an explicit JSON null, which is present but matches no allow list, pattern, domain or range. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Plain decimal or scientific notation with a bounded exponent; NaN, Infinity, hex and the like are not numbers. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,80})(\\.[0-9]{1,80})?([eE][+-]?[0-9]{1,4})?");

    private Value() {}

    /** The value as an exact number, or empty when it is not one (or is not finite). */
    static Optional<BigDecimal> number(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof BigInteger big) {
            return Optional.of(new BigDecimal(big));
        }
        if (value instanceof BigDecimal decimal) {
            return Optional.of(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? Optional.of(new BigDecimal(value.toString())) : Optional.empty();
        }
        if (value instanceof String s && s.length() <= 170 && NUMBER.matcher(s).matches()) {
            return Optional.of(new BigDecimal(s));
        }
        return Optional.empty();
    }

    /** A scalar's text for allow/deny lists: strings as they are, booleans as true/false; else empty. */
    static Optional<String> scalarText(Object value) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof Boolean b) {
            return Optional.of(b.toString());
        }
        return Optional.empty();
    }

    /** A short description of a value's kind for reasons; values themselves are never echoed. */
    static String kind(Object value) {
        if (value == NULL) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof java.util.List<?>) {
            return "an array";
        }
        return "an object";
    }
}
