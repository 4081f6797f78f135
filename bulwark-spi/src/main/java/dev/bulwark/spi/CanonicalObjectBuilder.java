package dev.bulwark.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds one JSON object in the canonical form of {@link JsonTrees#canonicalObject} as it is filled, so that the
 * object is not copied and sorted once more afterwards: entries are kept in key order ({@link String#compareTo}), and
 * each value is made canonical when it is put ({@link JsonTrees#canonicalValue}: a canonical tree is taken as it is).
 * A value that has no canonical form (a non-finite number, say) is kept as given; {@link #build} then returns a plain
 * unmodifiable map in key order, which {@link JsonTrees#canonicalObject} refuses just as it refuses the same tree built
 * any other way. Single use, not thread-safe.
 */
public final class CanonicalObjectBuilder {
    private final TreeMap<String, Object> entries = new TreeMap<>();
    private boolean canonical = true;
    private boolean built;

    /** Sets {@code key} to {@code value}, replacing what it held. */
    public CanonicalObjectBuilder put(String key, Object value) {
        entries.put(Objects.requireNonNull(key, "key"), canonicalOrAsGiven(value));
        return this;
    }

    /** Sets {@code key} to {@code value} unless it is set already. */
    public CanonicalObjectBuilder putIfAbsent(String key, Object value) {
        if (!entries.containsKey(Objects.requireNonNull(key, "key"))) {
            entries.put(key, canonicalOrAsGiven(value));
        }
        return this;
    }

    private Object canonicalOrAsGiven(Object value) {
        if (built) {
            throw new IllegalStateException("the object was built already");
        }
        try {
            return JsonTrees.canonicalValue(value);
        } catch (IllegalArgumentException noCanonicalForm) {
            canonical = false;
            return value;
        }
    }

    /** The object; the builder cannot be used afterwards (a canonical object is backed by what it filled). */
    public Map<String, Object> build() {
        if (built) {
            throw new IllegalStateException("the object was built already");
        }
        built = true;
        return canonical ? new JsonTrees.FrozenObject(entries, true)
                : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
