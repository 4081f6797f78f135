package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;

/**
 * A typed slot that a step adds to the call's context for later steps (e.g. a flow-control verdict). Keys compare by
 * identity: declare each one once as a constant.
 */
public final class ContextKey<T> {
    private final String name;
    private final Class<T> type;

    private ContextKey(String name, Class<T> type) {
        this.name = Checks.nonBlank(name, "key name");
        this.type = Checks.present(type, "key type");
    }

    public static <T> ContextKey<T> of(String name, Class<T> type) {
        return new ContextKey<>(name, type);
    }

    public String name() {
        return name;
    }

    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "ContextKey[" + name + "]";
    }
}
