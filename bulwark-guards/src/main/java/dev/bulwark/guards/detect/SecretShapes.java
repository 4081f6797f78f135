package dev.bulwark.guards.detect;

/**
 * What random credentials look like as strings, measured rather than listed: Shannon entropy against what a random
 * string of the same length reaches, the number of character classes, and how often the class changes from one
 * character to the next (random strings change class at most characters; words and identifiers in runs).
 */
final class SecretShapes {
    /** The finding types of secrets. */
    static final java.util.Set<String> TYPES = java.util.Set.of("API_KEY", "PRIVATE_KEY", "PASSWORD", "JWT", "SECRET");
    static final int UPPER = 1;
    static final int LOWER = 2;
    static final int DIGIT = 4;
    static final int SYMBOL = 8;

    private SecretShapes() {}

    /** A secret found by its shape, name or encoding (0.75 or more), not only by looking random. */
    static boolean confident(dev.bulwark.spi.guard.Finding f) {
        return f.score() >= 0.75 && TYPES.contains(f.type());
    }

    /** The class of an ASCII character of a token, 0 for anything else. */
    static int classOf(char c) {
        if (c >= 'a' && c <= 'z') {
            return LOWER;
        }
        if (c >= 'A' && c <= 'Z') {
            return UPPER;
        }
        if (c >= '0' && c <= '9') {
            return DIGIT;
        }
        return c < 128 && c > ' ' ? SYMBOL : 0;
    }

    /** Whether every character is a hex digit of one case (digests, commit ids and hex encodings). */
    static boolean hex(CharSequence s) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return !(lower && upper);
    }

    /** 8-4-4-4-12 hex digits. */
    static boolean uuid(CharSequence s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The entropy a string of {@code n} characters drawn at random from a large alphabet reaches, less a margin. */
    static double randomEntropyFloor(int n) {
        return Math.min(4.4, Math.log(n) / Math.log(2) - 0.95);
    }

    /**
     * A token that looks machine-generated on its own: at least 20 characters, not hex of one case (digests and
     * commit ids are not secrets by themselves), at least two character classes, entropy near that of a random
     * string of its length, and a class change at a quarter or more of its character pairs (two fifths without a
     * digit: {@code CamelCaseNames} change case once a word). Classes counted towards
     * the two are upper case, lower case and digits ({@code UPPER_SNAKE_NAMES} are not keys).
     */
    static boolean random(CharSequence s) {
        int n = s.length();
        if (n < 20 || hex(s) || uuid(s)) {
            return false;
        }
        return classesAndChanges(s, 2, digits(s) ? 0.25 : 0.4) && Checksums.entropy(s) >= randomEntropyFloor(n);
    }

    /**
     * A value assigned to a credential's name: the bar is lower than {@link #random} because the name already says
     * what it is. Eight characters or more; hex of 16 or more; else two classes, changing at a fifth of the pairs,
     * with an entropy of at least 3 bits per character (2.5 under 16 characters).
     */
    static boolean keyedValue(CharSequence s) {
        int n = s.length();
        if (n < 8 || uuid(s) || repetitive(s)) {
            return false;
        }
        if (hex(s)) {
            return n >= 16 && Checksums.entropy(s) >= 2.8;
        }
        return classesAndChanges(s, 2, 0.2) && Checksums.entropy(s) >= (n < 16 ? 2.5 : 3.0);
    }

    /**
     * Three or more parts joined by {@code - _ /}, each of one simple kind (letters only, digits only, or hex of one
     * case): names built from words and ids ({@code pod/web-7d4b9c8f6d-x2k9p}, {@code build-2025-abc123}), not keys,
     * whose parts mix cases and digits.
     */
    static boolean compound(CharSequence s) {
        int parts = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '-' || s.charAt(i) == '_' || s.charAt(i) == '/') {
                if (i > start) {
                    CharSequence part = s.subSequence(start, i);
                    if (!hex(part) && !letters(part)) {
                        return false;
                    }
                    parts++;
                }
                start = i + 1;
            }
        }
        return parts >= 3;
    }

    private static boolean letters(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Fewer than a third of the characters distinct ({@code aaaa…}, {@code abcabc…}). */
    static boolean repetitive(CharSequence s) {
        long seen0 = 0;
        long seen1 = 0;
        int distinct = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                continue;
            }
            long bit = 1L << (c & 63);
            if (c < 64 ? (seen0 & bit) == 0 : (seen1 & bit) == 0) {
                distinct++;
                if (c < 64) {
                    seen0 |= bit;
                } else {
                    seen1 |= bit;
                }
            }
        }
        return distinct * 3 < Math.min(s.length(), 60);
    }

    private static boolean classesAndChanges(CharSequence s, int minClasses, double minChangeRate) {
        int classes = 0;
        int changes = 0;
        int prev = 0;
        for (int i = 0; i < s.length(); i++) {
            int k = classOf(s.charAt(i));
            classes |= k;
            if (i > 0 && k != prev) {
                changes++;
            }
            prev = k;
        }
        return Integer.bitCount(classes & (UPPER | LOWER | DIGIT)) >= minClasses
                && changes >= minChangeRate * (s.length() - 1);
    }
}
