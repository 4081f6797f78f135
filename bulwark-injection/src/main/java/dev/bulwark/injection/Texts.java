package dev.bulwark.injection;

/** Cheap substring tests used to skip a regular expression when its match is impossible in a window. */
final class Texts {
    private Texts() {}

    /** Whether {@code text[from, to)} contains {@code needle} (ASCII, lower case) ignoring ASCII case. */
    static boolean containsIgnoreCase(String text, int from, int to, String needle) {
        int last = to - needle.length();
        char first = needle.charAt(0);
        for (int i = from; i <= last; i++) {
            char c = text.charAt(i);
            if ((c | 0x20) == first && text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text[from, to)} contains {@code needle}; searches that range only (not to the end of text). */
    static boolean contains(String text, int from, int to, String needle) {
        return text.indexOf(needle, from, to) >= 0;
    }
}
