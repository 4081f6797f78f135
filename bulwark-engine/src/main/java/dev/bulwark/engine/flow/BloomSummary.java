package dev.bulwark.engine.flow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed-size Bloom filter of keys: it answers "maybe seen" or "certainly not seen". The index keeps the keys of
 * untrusted values it can no longer hold exactly here, so that eviction never loses the fact that a value was seen in
 * untrusted content (false positives only add {@code untrusted_output} to a value's sources, the safe direction).
 * Hashes are seeded per index so that collisions cannot be prepared offline.
 */
final class BloomSummary {
    private static final int HASHES = 5;
    private final long[] bits;
    private final long seed;
    private long added;

    BloomSummary(int sizeBits, long seed) {
        if (sizeBits < 64 || Integer.bitCount(sizeBits) != 1) {
            throw new IllegalArgumentException("bloom size must be a power of two >= 64 bits");
        }
        this.bits = new long[sizeBits / 64];
        this.seed = seed;
    }

    BloomSummary(long[] bits, long seed, long added) {
        this(bits.length * 64, seed);
        System.arraycopy(bits, 0, this.bits, 0, bits.length);
        this.added = added;
    }

    void add(String key) {
        long h1 = hash(key, seed);
        long h2 = hash(key, ~seed) | 1;
        int mask = bits.length * 64 - 1;
        for (int i = 0; i < HASHES; i++) {
            int bit = (int) ((h1 + i * h2) & mask);
            bits[bit >>> 6] |= 1L << (bit & 63);
        }
        added++;
    }

    /**
     * Adds every key {@code other} holds. Summaries with another seed or size cannot be combined bit by bit: if the
     * other holds anything, this one is saturated (every key "might" have been seen), the safe side.
     */
    void merge(BloomSummary other) {
        if (other.seed == seed && other.bits.length == bits.length) {
            for (int i = 0; i < bits.length; i++) {
                bits[i] |= other.bits[i];
            }
            added = Math.max(added, other.added);
        } else if (other.added > 0 || other.saturated()) {
            saturate();
            added = Math.max(added, other.added);
        }
    }

    /** Sets every bit: from now on every key "might" have been seen. */
    void saturate() {
        Arrays.fill(bits, -1L);
    }

    boolean saturated() {
        for (long word : bits) {
            if (word != -1L) {
                return false;
            }
        }
        return true;
    }

    boolean mightContain(String key) {
        long h1 = hash(key, seed);
        long h2 = hash(key, ~seed) | 1;
        int mask = bits.length * 64 - 1;
        for (int i = 0; i < HASHES; i++) {
            int bit = (int) ((h1 + i * h2) & mask);
            if ((bits[bit >>> 6] & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    long added() {
        return added;
    }

    long seed() {
        return seed;
    }

    long[] bits() {
        return Arrays.copyOf(bits, bits.length);
    }

    int sizeBytes() {
        return bits.length * 8;
    }

    /** FNV-1a over the UTF-8 bytes, seeded, finished with the MurmurHash3 64-bit mix. */
    private static long hash(String key, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
