package dev.bulwark.guards.detect;

import java.util.Set;

/**
 * A set of words probed with a range of a {@code char[]} and its {@link WordTable#hash} (which is
 * {@link String#hashCode}), so a lookup needs no {@link String}: open addressing over the keys with their hashes.
 * For word lists too large for a {@link WordTable} (the common English words).
 */
final class CommonWords {
    private final String[] keys;
    private final int[] hashes;
    private final int mask;

    CommonWords(Set<String> words) {
        // At most half full: most probes are misses, which end at the first empty slot.
        int capacity = Integer.highestOneBit(Math.max(4, words.size() * 2 - 1)) << 1;
        keys = new String[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        for (String w : words) {
            int h = w.hashCode();
            int i = spread(h) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = w;
            hashes[i] = h;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Whether {@code text[from, to)}, whose {@link WordTable#hash} is {@code hash}, is one of the words. */
    boolean contains(char[] text, int from, int to, int hash) {
        int length = to - from;
        for (int i = spread(hash) & mask; keys[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == hash && keys[i].length() == length && same(keys[i], text, from)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(String key, char[] text, int from) {
        for (int j = 0; j < key.length(); j++) {
            if (key.charAt(j) != text[from + j]) {
                return false;
            }
        }
        return true;
    }
}
