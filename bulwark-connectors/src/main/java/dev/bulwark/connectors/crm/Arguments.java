package dev.bulwark.connectors.crm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a call's arguments again inside the connector. The engine validates against the schema first; these checks
 * hold even if it did not, so a malformed argument becomes a tool error, never a query.
 */
final class Arguments {
    private final Map<String, Object> values;

    private Arguments(Map<String, Object> values) {
        this.values = values;
    }

    static Arguments of(Map<String, Object> values, Set<String> allowed) throws InvalidArgument {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidArgument("unexpected argument '" + shorten(key) + "'");
            }
        }
        return new Arguments(values);
    }

    long requiredId(String name, long max) throws InvalidArgument {
        return optionalInteger(name, 1, max).orElseThrow(() -> new InvalidArgument("'" + name + "' is required"));
    }

    Optional<Long> optionalInteger(String name, long min, long max) throws InvalidArgument {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        Long integer = integral(value);
        if (integer == null || integer < min || integer > max) {
            throw new InvalidArgument("'" + name + "' must be an integer from " + min + " to " + max);
        }
        return Optional.of(integer);
    }

    String requiredString(String name, int maxLength) throws InvalidArgument {
        return optionalString(name, 0, maxLength)
                .orElseThrow(() -> new InvalidArgument("'" + name + "' is required"));
    }

    Optional<String> optionalString(String name, int minLength, int maxLength) throws InvalidArgument {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new InvalidArgument("'" + name + "' must be a string");
        }
        int length = text.codePointCount(0, text.length());
        if (length < minLength || length > maxLength) {
            throw new InvalidArgument("'" + name + "' must be " + minLength + " to " + maxLength + " characters long");
        }
        return Optional.of(text);
    }

    private static Long integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** An argument that is missing, of the wrong type or out of bounds; reported to the agent as a tool error. */
    static final class InvalidArgument extends Exception {
        InvalidArgument(String message) {
            super(message);
        }
    }
}
