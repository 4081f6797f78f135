package dev.bulwark.guards.detect;

/** Cheap pre-checks that let recognizers skip texts they cannot match. */
final class Digits {
    private Digits() {}

    static boolean any(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
