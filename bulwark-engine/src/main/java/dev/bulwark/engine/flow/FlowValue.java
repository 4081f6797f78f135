package dev.bulwark.engine.flow;

import java.util.List;

/**
 * One value found in text or in a JSON tree.
 *
 * @param kind what it is
 * @param keys its canonical index keys, namespaced ({@code id:DE89…}, {@code num:1000}, {@code date:2024-03-05});
 *             more than one when the written form is ambiguous ({@code 05/03/2024} is both the 5th of March and
 *             the 3rd of May), and a lookup matches any of them
 */
public record FlowValue(ValueKind kind, List<String> keys) {
    /** Longest key kept; longer canonical forms are replaced by a digest by the extractor. */
    public static final int MAX_KEY_CHARS = 256;

    public FlowValue {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be present");
        }
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a value needs at least one key");
        }
        for (String k : keys) {
            if (k.isEmpty() || k.length() > MAX_KEY_CHARS || k.indexOf(':') < 1) {
                throw new IllegalArgumentException("bad value key: " + k.length() + " chars");
            }
        }
    }

    static FlowValue of(ValueKind kind, String key) {
        return new FlowValue(kind, List.of(key));
    }
}
