package dev.bulwark.guards.detect;

/**
 * How much decoding one detection may do: decoded bytes in all, over every level of nesting. Not thread-safe; one per
 * {@code detect} call.
 */
final class DecodeBudget {
    /** Decoded bytes one top-level text may cost, whatever its size. */
    static final int DEFAULT_BYTES = 1 << 20;
    /** Encodings inside decoded text are decoded again this many levels deep at most. */
    static final int MAX_DEPTH = 2;

    private long left;

    DecodeBudget(long bytes) {
        this.left = bytes;
    }

    static DecodeBudget standard() {
        return new DecodeBudget(DEFAULT_BYTES);
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when that is more than is left. */
    boolean spend(long bytes) {
        if (bytes > left) {
            return false;
        }
        left -= bytes;
        return true;
    }
}
