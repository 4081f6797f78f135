package dev.bulwark.guards.detect;

import java.util.Map;

/**
 * An immutable map from words to bit sets, probed with a range of a {@code char[]} so that a lookup needs no
 * {@link String}. Open addressing over one array of keys' characters: a probe compares a cached hash before any
 * character, and a miss (the usual case) mostly costs one array read.
 */
final class WordTable {
    /**
     * Per slot, all a probe needs in one read: the key's bits in the low 32, then its length (8 bits), where its
     * characters start in {@link #chars} (16 bits) and 8 bits of its hash as a tag; 0 for an empty slot.
     */
    private final long[] slots;
    private final int mask;
    private final char[] chars;
    /**
     * A Bloom filter of the keys holding one of the bits {@code filtered}: a word it rejects holds none of them, so a
     * caller needing only those bits can skip the probe ({@link #mayHold}).
     */
    private final long[] filter = new long[FILTER_BITS / 64];
    /** Room for a few thousand filtered keys with few false positives (2 KB, in the first-level cache). */
    private static final int FILTER_BITS = 1 << 14;
    private static final int MAX_KEY = 0xFF;
    private static final int MAX_CHARS = 0xFFFF;

    /** A table of every key of {@code words} with its bits; keys with bits 0 are left out (a miss also gives 0). */
    WordTable(Map<String, Integer> words) {
        this(words, 0);
    }

    /** As {@link #WordTable(Map)}, with {@link #mayHold} answering for the keys holding one of {@code filtered}. */
    WordTable(Map<String, Integer> words, int filtered) {
        int size = 0;
        int length = 0;
        for (Map.Entry<String, Integer> e : words.entrySet()) {
            if (e.getValue() != 0) {
                size++;
                length += e.getKey().length();
                if (e.getKey().length() > MAX_KEY) {
                    throw new IllegalArgumentException("a word table key has at most " + MAX_KEY + " characters");
                }
            }
        }
        if (length > MAX_CHARS) {
            throw new IllegalArgumentException("a word table's keys have at most " + MAX_CHARS + " characters, not "
                    + length);
        }
        // At most half full: most probes are misses, which end at the first empty slot.
        int capacity = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
        chars = new char[length];
        int at = 0;
        for (Map.Entry<String, Integer> e : words.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            String key = e.getKey();
            key.getChars(0, key.length(), chars, at);
            int hash = hash(chars, at, at + key.length());
            int slot = slot(hash);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (e.getValue() & 0xFFFFFFFFL) | shape(hash, key.length()) | (long) at << 40;
            at += key.length();
            if ((e.getValue() & filtered) != 0) {
                int h = hash * 0x9E3779B9;
                filter[h >>> 18 >> 6] |= 1L << (h >>> 18);
                filter[((h >>> 4) & (FILTER_BITS - 1)) >> 6] |= 1L << (h >>> 4);
            }
        }
    }

    /** The tag and length bits of a slot, which a probe compares before any character. */
    private static long shape(int hash, int length) {
        return (long) (hash >>> 24) << 56 | (long) length << 32;
    }

    private static final long SHAPE_BITS = 0xFFL << 56 | 0xFFL << 32;

    /** The polynomial hash {@link #get(char[], int, int, int)} expects; {@link #step} extends it by one character. */
    static int hash(char[] text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = step(h, text[i]);
        }
        return h;
    }

    static int step(int hash, char c) {
        return 31 * hash + c;
    }

    /**
     * False when the word with this {@link #hash} holds none of the bits the table was built to filter; true when it
     * may (then {@link #get} tells).
     */
    boolean mayHold(int hash) {
        int h = hash * 0x9E3779B9;
        return (filter[h >>> 18 >> 6] & 1L << (h >>> 18)) != 0
                && (filter[((h >>> 4) & (FILTER_BITS - 1)) >> 6] & 1L << (h >>> 4)) != 0;
    }

    private int slot(int hash) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 15)) & mask;
    }

    /** The bits of the word {@code text[from, to)}; 0 when it is not a key. */
    int get(char[] text, int from, int to) {
        return get(text, from, to, hash(text, from, to));
    }

    /** As {@link #get(char[], int, int)} with the range's {@link #hash} already computed. */
    int get(char[] text, int from, int to, int hash) {
        int length = to - from;
        if (length > MAX_KEY) {
            return 0;
        }
        int slot = slot(hash);
        long shape = shape(hash, length);
        long s;
        while ((s = slots[slot]) != 0) {
            if ((s & SHAPE_BITS) == shape && same((int) (s >>> 40) & MAX_CHARS, text, from, to)) {
                return (int) s;
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    /** Keys are short: a plain loop beats a vectorised comparison. */
    private boolean same(int start, char[] text, int from, int to) {
        for (int i = start, j = from; j < to; i++, j++) {
            if (chars[i] != text[j]) {
                return false;
            }
        }
        return true;
    }

    /** The bits of a whole string. */
    int get(String word) {
        char[] c = word.toCharArray();
        return get(c, 0, c.length);
    }
}
