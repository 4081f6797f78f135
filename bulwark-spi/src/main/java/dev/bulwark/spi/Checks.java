package dev.bulwark.spi;

import java.util.Objects;

/** Validation helpers for record constructors: a record that exists is a valid record. */
public final class Checks {
    private Checks() {}

    /** Returns {@code value} when it is non-null and not blank; otherwise throws naming {@code field}. */
    public static String nonBlank(String value, String field) {
        Objects.requireNonNull(value, field + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Returns {@code value} when it is non-null; otherwise throws naming {@code field}. */
    public static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, field + " must not be null");
    }
}
