package dev.bulwark.engine.validation;

/**
 * Bounds on an argument tree, checked before the schema so that a hostile tree costs little.
 *
 * @param maxDepth        deepest nesting of objects and arrays (the arguments object itself is depth 1), at most 32
 * @param maxNodes        most values in the tree, counting containers
 * @param maxStringLength longest string value or object key, in characters
 * @param maxTotalChars   most characters over all strings and keys
 */
public record ArgumentLimits(int maxDepth, int maxNodes, int maxStringLength, long maxTotalChars) {
    public static final int DEPTH_CEILING = 32;
    public static final ArgumentLimits DEFAULT = new ArgumentLimits(DEPTH_CEILING, 10_000, 1_000_000, 4_000_000);

    public ArgumentLimits {
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + DEPTH_CEILING);
        }
        if (maxNodes < 1 || maxStringLength < 1 || maxTotalChars < 1) {
            throw new IllegalArgumentException("argument limits must be positive");
        }
    }
}
