package dev.bulwark.spi;

/** Validation helpers for record constructors: a record that exists is a valid record. */
public final class Checks {
    private Checks() {}

    /** Returns {@code value} when it is non-null and not blank; otherwise throws naming {@code field}. */
    public static String nonBlank(String value, String field) {
        // Messages are built only on failure: records are validated on hot paths (a finding per detected span).
        if (value == null) {
            throw new NullPointerException(field + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Returns {@code value} when it is non-null; otherwise throws naming {@code field}. */
    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " must not be null");
        }
        return value;
    }
}
