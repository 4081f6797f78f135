package dev.bulwark.engine.screening;

/**
 * How large a structure leaf-wise screening walks. Output beyond them cannot be screened leaf by leaf and is
 * withheld (fail closed), with a message naming the limit.
 *
 * @param maxDepth most levels of nested objects and arrays, the outermost object being level 1
 * @param maxNodes most values (objects, arrays, keys and leaves) in the whole structure
 * @param maxChars most characters of a structure after screening: marking every leaf (spotlighting) adds a notice
 *                 to each, so many tiny leaves could otherwise grow a bounded output many times over
 */
public record StructureLimits(int maxDepth, int maxNodes, long maxChars) {
    /** 64 levels, 200,000 values, 16 Mi characters: well above real tool output, below what costs the gateway. */
    public static final StructureLimits DEFAULT = new StructureLimits(64, 200_000, 16L << 20);

    public StructureLimits(int maxDepth, int maxNodes) {
        this(maxDepth, maxNodes, DEFAULT_MAX_CHARS);
    }

    private static final long DEFAULT_MAX_CHARS = 16L << 20;

    public StructureLimits {
        if (maxDepth < 1 || maxDepth > 1_000) {
            throw new IllegalArgumentException("maxDepth must be within 1..1000: " + maxDepth);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be positive: " + maxNodes);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
    }
}
