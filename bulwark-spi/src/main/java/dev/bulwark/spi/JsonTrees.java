package dev.bulwark.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Deep, unmodifiable copies of JSON trees made of {@link String}, {@link Number}, {@link Boolean}, {@code null},
 * {@link List} and {@link Map} with string keys. Anything else is refused, so a record holding a tree cannot be
 * changed behind the back of whoever validated it.
 *
 * <p>A tree this class made is handed back as it is when copied again (whole or as a branch of a larger tree): its
 * types are private to this class, it was validated when it was built, and nobody else holds what backs it, so it
 * cannot change. A call's arguments pass through several records on their way (validation, decision, tool call,
 * audit); each of those takes them without another deep copy.
 *
 * <p>{@link #canonicalObject} builds the canonical form that audit records are hashed and stored in; a canonical tree
 * is also frozen, and a record that takes it (or a canonical copy of a tree holding it) keeps it as it is, so an audit
 * event's details are built in their final shape once.
 */
public final class JsonTrees {
    private JsonTrees() {}

    /** Copies an object tree; {@code null} becomes the empty object. */
    public static Map<String, Object> copyObject(Map<String, ?> object) {
        if (object == null) {
            return Map.of();
        }
        if (object instanceof FrozenObject frozen) {
            return frozen;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : object.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("JSON object keys must not be null");
            }
            copy.put(e.getKey(), copyValue(e.getValue()));
        }
        return new FrozenObject(copy, false);
    }

    /**
     * A frozen copy in canonical form: every object's entries in key order ({@link String#compareTo}, i.e. UTF-16 code
     * units), integers as {@link Long} ({@link BigInteger} beyond the long range), every other number as a finite
     * {@link Double} ({@code -0.0} as {@code 0.0}; a {@link Float} by its shortest decimal). A canonical tree this
     * class built, whole or as a branch, is taken as it is.
     *
     * @throws IllegalArgumentException for a key that is not a string, a non-finite number, an unknown number type or
     *                                  a value that is not JSON
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> canonicalObject(Map<String, ?> object) {
        return (Map<String, Object>) canonicalValue(java.util.Objects.requireNonNull(object, "object"));
    }

    /** {@link #canonicalObject} for any JSON value; {@code null} stays {@code null}. */
    public static Object canonicalValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return canonicalNumber(number);
        }
        if (value instanceof FrozenObject frozen && frozen.canonical || value instanceof FrozenList list && list.canonical) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry<?, ?>[0]);
            for (Map.Entry<?, ?> e : entries) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                }
            }
            Arrays.sort(entries, (a, b) -> ((String) a.getKey()).compareTo((String) b.getKey()));
            LinkedHashMap<String, Object> sorted = LinkedHashMap.newLinkedHashMap(entries.length);
            for (Map.Entry<?, ?> e : entries) {
                sorted.put((String) e.getKey(), canonicalValue(e.getValue()));
            }
            return new FrozenObject(sorted, true);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(canonicalValue(item));
            }
            return new FrozenList(copy.toArray(), true);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /** Whether the value is a tree {@link #canonicalObject} built, or a scalar in canonical form. */
    public static boolean isCanonical(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigInteger big && big.bitLength() > 63
                || value instanceof Double d && Double.isFinite(d) && !(d == 0.0 && 1 / d < 0)
                || value instanceof FrozenObject frozen && frozen.canonical
                || value instanceof FrozenList list && list.canonical;
    }

    /**
     * A number in canonical form: {@link Long} for integers ({@link BigInteger} beyond the long range), else a finite
     * {@link Double}.
     *
     * @throws IllegalArgumentException for a non-finite number or an unknown number type
     */
    public static Number canonicalNumber(Number number) {
        if (number instanceof Long) {
            return number;
        }
        if (number instanceof Integer || number instanceof Short || number instanceof Byte
                || number instanceof AtomicInteger || number instanceof AtomicLong) {
            return number.longValue();
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() <= 63 ? (Number) big.longValue() : big;
        }
        double d;
        if (number instanceof Double boxed) {
            d = boxed;
        } else if (number instanceof Float f) {
            // the float's shortest decimal, not its binary expansion: 0.1f stays 0.1
            d = Double.parseDouble(Float.toString(f));
        } else if (number instanceof BigDecimal decimal) {
            d = decimal.doubleValue();
        } else {
            throw new IllegalArgumentException("unsupported number type in JSON tree: " + number.getClass().getName());
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON numbers must be finite, got " + d);
        }
        return d == 0.0 ? 0.0 : d; // -0.0 and 0.0 are one JSON number
    }

    /** Copies any JSON value. */
    @SuppressWarnings("unchecked")
    public static Object copyValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number
                || value instanceof FrozenObject || value instanceof FrozenList) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + key);
                }
            }
            return copyObject((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(copyValue(item));
            }
            return new FrozenList(copy.toArray(), false);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /**
     * An object this class built: unmodifiable, every value in it a frozen tree or a scalar; canonical when its entries
     * are in key order and every value in it is canonical.
     */
    private static final class FrozenObject extends AbstractMap<String, Object> {
        private final Map<String, Object> entries;
        private final boolean canonical;
        /** The hash once computed (as {@link String} keeps its own: one field written per case, so safe to race). */
        private int hash;
        private boolean hashIsZero;

        FrozenObject(LinkedHashMap<String, Object> entries, boolean canonical) {
            this.entries = Collections.unmodifiableMap(entries);
            this.canonical = canonical;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return entries.keySet();
        }

        @Override
        public Collection<Object> values() {
            return entries.values();
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public Object getOrDefault(Object key, Object defaultValue) {
            return entries.getOrDefault(key, defaultValue);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            entries.forEach(action);
        }

        /** The map's hash, kept once known: the tree cannot change (the audit redaction memo looks trees up by it). */
        @Override
        public int hashCode() {
            int h = hash;
            if (h == 0 && !hashIsZero) {
                h = entries.hashCode(); // the backing map's entries, without a wrapper per entry
                if (h == 0) {
                    hashIsZero = true;
                } else {
                    hash = h;
                }
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (o instanceof FrozenObject other && hash != 0 && other.hash != 0 && other.hash != hash) {
                return false;
            }
            return entries.equals(o);
        }
    }

    /** A list this class built: unmodifiable, every item in it a frozen tree or a scalar (canonical ones if canonical). */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
        private final Object[] items;
        private final boolean canonical;
        /** The hash once computed (as {@link String} keeps its own: one field written per case, so safe to race). */
        private int hash;
        private boolean hashIsZero;

        FrozenList(Object[] items, boolean canonical) {
            this.items = items;
            this.canonical = canonical;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }

        /** The list's hash, kept once known: the list cannot change. */
        @Override
        public int hashCode() {
            int h = hash;
            if (h == 0 && !hashIsZero) {
                h = Arrays.hashCode(items); // List.hashCode's definition over the same items
                if (h == 0) {
                    hashIsZero = true;
                } else {
                    hash = h;
                }
            }
            return h;
        }
    }
}
