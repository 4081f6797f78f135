package dev.bulwark.policy;

/** How a policy directory is checked against {@linkplain PolicySchema the schema} on load and reload. */
public enum PolicyValidation {
    /** Any schema error refuses the directory (the default): a typo cannot silently widen or void a policy. */
    STRICT,
    /** Schema errors are returned as warnings and the policies load; for migrating an existing directory. */
    PERMISSIVE,
    /** No schema check at all. Evaluation errors still deny at run time. */
    OFF;

    /** Reads the configuration spelling ({@code strict}, {@code permissive}, {@code off}). */
    public static PolicyValidation parse(String text) {
        for (PolicyValidation mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("policy validation must be strict, permissive or off, not '" + text + "'");
    }
}
