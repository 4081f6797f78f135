package dev.bulwark.engine.screening;

/**
 * How large a structure leaf-wise screening walks. Output beyond them cannot be screened leaf by leaf and is
 * withheld (fail closed), with a message naming the limit.
 *
 * @param maxDepth most levels of nested objects and arrays, the outermost object being level 1
 * @param maxNodes most values (objects, arrays, keys and leaves) in the whole structure
 */
public record StructureLimits(int maxDepth, int maxNodes) {
    /** 64 levels, 200,000 values: well above real tool output, well below what costs the gateway. */
    public static final StructureLimits DEFAULT = new StructureLimits(64, 200_000);

    public StructureLimits {
        if (maxDepth < 1 || maxDepth > 1_000) {
            throw new IllegalArgumentException("maxDepth must be within 1..1000: " + maxDepth);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be positive: " + maxNodes);
        }
    }
}
