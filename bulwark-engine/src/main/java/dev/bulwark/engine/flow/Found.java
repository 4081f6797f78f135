package dev.bulwark.engine.flow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The values one extraction has found so far, deduplicated, within its budget of values and words. */
final class Found {
    private final int maxValues;
    private final int maxWords;
    private final List<FlowValue> values = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final List<String> overflow = new ArrayList<>();
    private int words;
    private int typed;
    /** Some input was not read at all (character, depth or node limit). */
    boolean truncated;

    Found(int maxValues, int maxWords) {
        this.maxValues = maxValues;
        this.maxWords = maxWords;
    }

    void add(ValueKind kind, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        if (!seen.add(kind.ordinal() + keys.get(0))) {
            return;
        }
        if (kind == ValueKind.WORD ? words >= maxWords : typed >= maxValues) {
            overflow.addAll(keys); // read but not kept as values: an index can still summarise them
            return;
        }
        if (kind == ValueKind.WORD) {
            words++;
        } else {
            typed++;
        }
        values.add(new FlowValue(kind, keys));
    }

    /** Keys of values found beyond the value and word bounds. */
    List<String> overflow() {
        return List.copyOf(overflow);
    }

    void add(ValueKind kind, String key) {
        add(kind, List.of(key));
    }

    int size() {
        return values.size();
    }

    /** Drops bare numbers and words at positions [from, to): they were parts of a value written across tokens. */
    void dropPieces(int from, int to) {
        for (int i = from; i < to; i++) {
            FlowValue v = values.get(i);
            if (v != null && (v.kind() == ValueKind.NUMBER || v.kind() == ValueKind.WORD)) {
                if (v.kind() == ValueKind.WORD) {
                    words--;
                } else {
                    typed--;
                }
                values.set(i, null);
            }
        }
    }

    List<FlowValue> values() {
        values.removeIf(java.util.Objects::isNull);
        return List.copyOf(values);
    }
}
