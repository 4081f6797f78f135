package dev.bulwark.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One bounded walk over a plain Java argument tree that yields the Jackson tree the validator reads. Refuses
 * anything that is not JSON and stops at the first broken limit, so a cyclic or enormous tree costs at most the
 * limits. Paths for messages are built only when something is refused.
 */
final class ArgumentTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A broken limit or a non-JSON value; the message is safe to show (it never echoes a value). */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** Where a value sits, as a linked list of segments, turned into a JSON Pointer only for messages. */
    private record Segment(Segment parent, String key, int index) {
        String pointer() {
            StringBuilder out = new StringBuilder();
            append(this, out);
            return Pointer.bounded(out.toString());
        }

        private static void append(Segment s, StringBuilder out) {
            if (s == null) {
                return;
            }
            append(s.parent, out);
            out.append('/').append(s.key != null ? Pointer.escape(s.key) : Integer.toString(s.index));
        }
    }

    private final ArgumentLimits limits;
    private int nodes;
    private long chars;

    private ArgumentTree(ArgumentLimits limits) {
        this.limits = limits;
    }

    static ObjectNode convert(Map<String, Object> arguments, ArgumentLimits limits) throws Rejected {
        return new ArgumentTree(limits).object(arguments, 1, null);
    }

    private ObjectNode object(Map<?, ?> map, int depth, Segment at) throws Rejected {
        enter(depth, at);
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new Rejected(where(at) + "object keys must be strings");
            }
            text(key, at);
            node.set(key, value(e.getValue(), depth, new Segment(at, key, -1)));
        }
        return node;
    }

    private JsonNode value(Object value, int depth, Segment at) throws Rejected {
        if (value instanceof Map<?, ?> map) {
            return object(map, depth + 1, at);
        }
        if (value instanceof List<?> list) {
            enter(depth + 1, at);
            ArrayNode array = NODES.arrayNode(list.size());
            int index = 0;
            for (Object item : list) {
                array.add(value(item, depth + 1, new Segment(at, null, index++)));
            }
            return array;
        }
        count();
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            text(s, at);
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof BigInteger bi) {
            return NODES.numberNode(bi);
        }
        if (value instanceof BigDecimal bd) {
            return NODES.numberNode(bd);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new Rejected(where(at) + "numbers must be finite");
            }
            return NODES.numberNode(d);
        }
        throw new Rejected(where(at) + "not a JSON value (" + value.getClass().getSimpleName() + ")");
    }

    private void enter(int depth, Segment at) throws Rejected {
        if (depth > limits.maxDepth()) {
            throw new Rejected(where(at) + "arguments are nested deeper than " + limits.maxDepth() + " levels");
        }
        count();
    }

    private void count() throws Rejected {
        if (++nodes > limits.maxNodes()) {
            throw new Rejected("arguments have more than " + limits.maxNodes() + " values");
        }
    }

    private void text(String s, Segment at) throws Rejected {
        if (s.length() > limits.maxStringLength()) {
            throw new Rejected(where(at) + "a string is longer than " + limits.maxStringLength() + " characters");
        }
        chars += s.length();
        if (chars > limits.maxTotalChars()) {
            throw new Rejected("arguments hold more than " + limits.maxTotalChars() + " characters");
        }
    }

    private static String where(Segment at) {
        return at == null ? "" : at.pointer() + ": ";
    }
}
