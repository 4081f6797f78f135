package dev.bulwark.policy;

import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a call's JSON arguments into Cedar values, treating them as hostile input.
 *
 * <ul>
 *   <li>objects become records; any key works, including ones that are not identifiers
 *       ({@code context.arguments["weird key"]}), except {@code __entity} and {@code __extn}, which Cedar's JSON
 *       protocol reserves: they are refused so an agent cannot forge entity references or extension values;</li>
 *   <li>arrays become sets (order and duplicates are lost);</li>
 *   <li>integers (Java integral types) become {@code Long}; integers beyond the {@code Long} range become their
 *       decimal string, so any arithmetic comparison on them fails and denies;</li>
 *   <li>other numbers become {@code decimal} when Cedar can represent them (at most 4 fraction digits, within
 *       ±922337203685477.5807), else their string form; NaN and infinities become {@code "NaN"},
 *       {@code "Infinity"}, {@code "-Infinity"};</li>
 *   <li>{@code null} is left out, so {@code has} tells whether a value was given.</li>
 * </ul>
 * Nesting deeper than {@value #MAX_DEPTH} levels or more than {@value #MAX_VALUES} values in all is refused.
 */
final class ArgumentConversion {
    static final int MAX_DEPTH = 32;
    static final int MAX_VALUES = 10_000;
    private static final Set<String> RESERVED_KEYS = Set.of("__entity", "__extn");
    private static final BigDecimal DECIMAL_MAX = new BigDecimal("922337203685477.5807");
    private static final BigDecimal DECIMAL_MIN = new BigDecimal("-922337203685477.5808");

    /** The arguments cannot be given to Cedar; the call is denied with this message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private int values;

    private ArgumentConversion() {
    }

    static CedarMap toRecord(Map<String, Object> arguments) throws Refused {
        return toRecord(arguments, "arguments");
    }

    /** Converts another JSON object of the request (e.g. the flow facts) by the same rules; {@code root} names it. */
    static CedarMap toRecord(Map<String, Object> object, String root) throws Refused {
        return new ArgumentConversion().record(object, 1, root);
    }

    private CedarMap record(Map<?, ?> object, int depth, String path) throws Refused {
        if (depth > MAX_DEPTH) {
            throw new Refused("arguments nest deeper than " + MAX_DEPTH + " levels at " + path);
        }
        CedarMap out = new CedarMap();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new Refused("argument object keys must be strings at " + path);
            }
            if (RESERVED_KEYS.contains(key)) {
                throw new Refused("argument key '" + key + "' is reserved by Cedar at " + path);
            }
            Value value = value(entry.getValue(), depth, path + "." + key);
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    private Value value(Object value, int depth, String path) throws Refused {
        if (value == null) {
            return null;
        }
        if (++values > MAX_VALUES) {
            throw new Refused("arguments hold more than " + MAX_VALUES + " values");
        }
        return switch (value) {
            case String s -> new PrimString(s);
            case Boolean b -> new PrimBool(b);
            case Integer i -> new PrimLong(i);
            case Long l -> new PrimLong(l);
            case Short s -> new PrimLong(s);
            case Byte b -> new PrimLong(b);
            case BigInteger big -> big.bitLength() < 64 ? new PrimLong(big.longValue()) : new PrimString(big.toString());
            case Number n -> fractional(n);
            case Map<?, ?> map -> record(map, depth + 1, path);
            case List<?> list -> set(list, depth + 1, path);
            default -> throw new Refused("argument at " + path + " is not a JSON value");
        };
    }

    private CedarList set(List<?> list, int depth, String path) throws Refused {
        if (depth > MAX_DEPTH) {
            throw new Refused("arguments nest deeper than " + MAX_DEPTH + " levels at " + path);
        }
        CedarList out = new CedarList();
        for (Object item : list) {
            Value converted = value(item, depth, path + "[]");
            if (converted != null) {
                out.add(converted);
            }
        }
        return out;
    }

    private static Value fractional(Number number) {
        BigDecimal exact;
        if (number instanceof BigDecimal big) {
            exact = big;
        } else {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return new PrimString(Double.toString(d));
            }
            exact = new BigDecimal(Double.toString(d));
        }
        BigDecimal normal = exact.stripTrailingZeros();
        if (normal.scale() > 4 || normal.compareTo(DECIMAL_MAX) > 0 || normal.compareTo(DECIMAL_MIN) < 0) {
            return new PrimString(exact.toString());
        }
        return new Decimal(normal.setScale(Math.max(1, normal.scale())).toPlainString());
    }
}
