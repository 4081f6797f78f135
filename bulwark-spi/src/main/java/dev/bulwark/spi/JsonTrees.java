package dev.bulwark.spi;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
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
        return new FrozenObject(copy);
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
            return new FrozenList(copy.toArray());
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /** An object this class built: unmodifiable, every value in it a frozen tree or a scalar. */
    private static final class FrozenObject extends AbstractMap<String, Object> {
        private final Map<String, Object> entries;

        FrozenObject(LinkedHashMap<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
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
    }

    /** A list this class built: unmodifiable, every item in it a frozen tree or a scalar. */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
        private final Object[] items;

        FrozenList(Object[] items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }
}
