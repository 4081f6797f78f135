package dev.bulwark.policy;

import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which parts of the {@code context} record some policies can read, as a tree of attribute names. A node is read
 * {@code whole} (its value is used), or only tested for presence ({@code has}), or read through some of its
 * attributes (its children).
 *
 * <p>{@link #project} keeps exactly what can be read: a value read whole is kept as it is; a record read through
 * attributes keeps only those (recursively); a key only tested for presence keeps a placeholder value. A value read
 * through attributes that is not a record is kept whole, so reading it fails as it would have. Policies see the same
 * values, the same presence and the same failures, so they decide the same; Cedar just parses less.
 */
final class ContextUse {
    private static final Value PRESENT = new PrimBool(true);

    private boolean whole;
    private final Map<String, ContextUse> children = new HashMap<>();

    /** A tree that reads nothing. */
    static ContextUse none() {
        return new ContextUse();
    }

    /** A tree that reads everything. */
    static ContextUse all() {
        ContextUse all = new ContextUse();
        all.whole = true;
        return all;
    }

    boolean readsWhole() {
        return whole;
    }

    void readWhole(List<String> path) {
        node(path).whole = true;
    }

    void testPresence(List<String> path) {
        node(path);
    }

    /** A new tree reading what this one or {@code other} reads. */
    ContextUse union(ContextUse other) {
        ContextUse out = new ContextUse();
        out.merge(this);
        out.merge(other);
        return out;
    }

    private void merge(ContextUse other) {
        whole |= other.whole;
        other.children.forEach((name, child) -> children.computeIfAbsent(name, n -> new ContextUse()).merge(child));
    }

    private ContextUse node(List<String> path) {
        ContextUse at = this;
        for (String name : path) {
            at = at.children.computeIfAbsent(name, n -> new ContextUse());
        }
        return at;
    }

    /**
     * The tree as sorted paths: {@code a.b} read whole, {@code a.b?} only tested for presence, {@code *} the whole
     * context; for tests and diagnostics.
     */
    List<String> paths() {
        List<String> out = new ArrayList<>();
        if (whole) {
            out.add("*");
        }
        collect("", out);
        out.sort(null);
        return out;
    }

    private void collect(String prefix, List<String> out) {
        children.forEach((name, child) -> {
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            if (child.whole) {
                out.add(path);
            } else if (child.children.isEmpty()) {
                out.add(path + "?");
            }
            child.collect(path, out);
        });
    }

    /** The part of a context record that these reads can observe. */
    Map<String, Value> project(Map<String, Value> context) {
        if (whole) {
            return context;
        }
        Map<String, Value> out = new HashMap<>();
        children.forEach((name, child) -> {
            Value value = context.get(name);
            if (value != null) {
                out.put(name, child.project(value));
            }
        });
        return out;
    }

    private Value project(Value value) {
        if (whole) {
            return value;
        }
        if (children.isEmpty()) {
            return PRESENT;
        }
        if (!(value instanceof CedarMap record)) {
            return value;
        }
        CedarMap out = new CedarMap();
        children.forEach((name, child) -> {
            Value inner = record.get(name);
            if (inner != null) {
                out.put(name, child.project(inner));
            }
        });
        return out;
    }
}
