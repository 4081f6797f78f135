package dev.bulwark.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Which of a fixed set of anchors a text contains, found in one pass over the text: anchors are indexed by their
 * first two characters, and at each position only the anchors starting with the two characters there are compared.
 * The answer for each anchor is exactly {@code text.contains(anchor)}. Immutable, thread-safe.
 */
final class AnchorIndex {
    private static final int ASCII = 128;
    private static final int[] NONE = {};

    private final String[] anchors;
    /** Anchors by their first two characters when both are ASCII: {@code [first * 128 + second]}. */
    private final int[][] asciiPairs = new int[ASCII * ASCII][];
    /** Anchors whose first two characters are not both ASCII: sorted pair keys and their anchors. */
    private final long[] otherKeys;
    private final int[][] otherAnchors;
    /** Anchors shorter than two characters, searched for one by one. */
    private final int[] shortAnchors;

    AnchorIndex(String[] anchors) {
        this.anchors = anchors.clone();
        List<List<Integer>> ascii = new ArrayList<>();
        for (int i = 0; i < ASCII * ASCII; i++) {
            ascii.add(null);
        }
        TreeMap<Long, List<Integer>> other = new TreeMap<>();
        List<Integer> shortOnes = new ArrayList<>();
        for (int id = 0; id < anchors.length; id++) {
            String anchor = anchors[id];
            if (anchor.length() < 2) {
                shortOnes.add(id);
            } else if (anchor.charAt(0) < ASCII && anchor.charAt(1) < ASCII) {
                int slot = anchor.charAt(0) * ASCII + anchor.charAt(1);
                if (ascii.get(slot) == null) {
                    ascii.set(slot, new ArrayList<>());
                }
                ascii.get(slot).add(id);
            } else {
                other.computeIfAbsent(key(anchor.charAt(0), anchor.charAt(1)), k -> new ArrayList<>()).add(id);
            }
        }
        for (int slot = 0; slot < ascii.size(); slot++) {
            asciiPairs[slot] = ascii.get(slot) == null ? NONE : ints(ascii.get(slot));
        }
        this.otherKeys = other.keySet().stream().mapToLong(Long::longValue).toArray();
        this.otherAnchors = other.values().stream().map(AnchorIndex::ints).toArray(int[][]::new);
        this.shortAnchors = ints(shortOnes);
    }

    /** {@code present[id]} is whether {@code text} contains anchor {@code id}. */
    boolean[] present(String text) {
        boolean[] present = new boolean[anchors.length];
        for (int id : shortAnchors) {
            present[id] = text.contains(anchors[id]);
        }
        int last = text.length() - 1;
        for (int i = 0; i < last; i++) {
            char first = text.charAt(i);
            char second = text.charAt(i + 1);
            int[] candidates;
            if (first < ASCII && second < ASCII) {
                candidates = asciiPairs[first * ASCII + second];
            } else if (otherKeys.length == 0) {
                continue;
            } else {
                int at = Arrays.binarySearch(otherKeys, key(first, second));
                candidates = at < 0 ? NONE : otherAnchors[at];
            }
            for (int id : candidates) {
                if (!present[id] && text.startsWith(anchors[id], i)) {
                    present[id] = true;
                }
            }
        }
        return present;
    }

    private static long key(char first, char second) {
        return ((long) first << 16) | second;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
