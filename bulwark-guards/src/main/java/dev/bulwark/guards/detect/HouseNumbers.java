package dev.bulwark.guards.detect;

import static dev.bulwark.guards.detect.StreetChars.asciiLetter;
import static dev.bulwark.guards.detect.StreetChars.at;
import static dev.bulwark.guards.detect.StreetChars.digits;
import static dev.bulwark.guards.detect.StreetChars.letterOrNumberAt;

/**
 * The house number NUM of the street matchers, {@code \d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?}, in its pieces.
 * Digit runs are taken whole: a run taken short leaves a digit where a letter, separator or the end of the number
 * must be, so the only choice is whether the {@code [-/]} piece is taken.
 */
final class HouseNumbers {
    private HouseNumbers() {}

    /** {@code \d{1,6}[A-Za-z]?} at {@code i}: its end, or -1. */
    static int head(String text, int i) {
        int run = digits(text, i);
        if (run < 1 || run > 6) {
            return -1;
        }
        int j = i + run;
        return asciiLetter(at(text, j)) ? j + 1 : j;
    }

    /** {@code [-/]\d{1,4}[A-Za-z]?} at {@code j}: its end, or -1. */
    static int piece(String text, int j) {
        char c = at(text, j);
        if (c != '-' && c != '/') {
            return -1;
        }
        int r = digits(text, j + 1);
        if (r < 1 || r > 4) {
            return -1;
        }
        int q = j + 1 + r;
        return asciiLetter(at(text, q)) ? q + 1 : q;
    }

    /**
     * {@code NUM[ \t]{1,3}+}, or {@code NUM[ \t<also>]{1,3}+} when {@code also} (not a hyphen or slash) is no blank, at
     * {@code i}: its end or -1. Without the {@code [-/]} piece a hyphen or slash follows the head, which is no
     * separator, so the piece is taken whenever it is there.
     */
    static int thenBlanks(String text, int i, char also) {
        int p = head(text, i);
        if (p < 0) {
            return -1;
        }
        int q = piece(text, p);
        return StreetChars.blanks(text, q >= 0 ? q : p, also);
    }

    /**
     * {@code NUM(?![\p{L}\p{N}])} at {@code i}, with an optional full stop before the lookahead when {@code stop}: its
     * end, or -1. The {@code [-/]} piece is tried first; when it fails, the match ends before the hyphen or slash,
     * which is neither letter nor number.
     */
    static int ending(String text, int i, boolean stop) {
        int p = head(text, i);
        if (p < 0) {
            return -1;
        }
        int q = piece(text, p);
        if (q >= 0) {
            int end = after(text, q, stop);
            if (end >= 0) {
                return end;
            }
        }
        return after(text, p, stop);
    }

    /** {@code \.?(?![\p{L}\p{N}])} ({@code stop}) or {@code (?![\p{L}\p{N}])} at {@code q}: its end or -1. */
    private static int after(String text, int q, boolean stop) {
        if (stop && at(text, q) == '.' && !letterOrNumberAt(text, q + 1)) {
            return q + 1;
        }
        return letterOrNumberAt(text, q) ? -1 : q;
    }
}
