package dev.bulwark.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of JSON trees made of {@link String}, {@link Number}, {@link Boolean}, {@code null},
 * {@link List} and {@link Map} with string keys. Anything else is refused, so a record holding a tree cannot be
 * changed behind the back of whoever validated it.
 */
public final class JsonTrees {
    private JsonTrees() {}

    /** Copies an object tree; {@code null} becomes the empty object. */
    public static Map<String, Object> copyObject(Map<String, ?> object) {
        if (object == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : object.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("JSON object keys must not be null");
            }
            copy.put(e.getKey(), copyValue(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Copies any JSON value. */
    @SuppressWarnings("unchecked")
    public static Object copyValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
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
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
