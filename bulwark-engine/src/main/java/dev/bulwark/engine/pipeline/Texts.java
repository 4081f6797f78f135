package dev.bulwark.engine.pipeline;

/** Makes untrusted text safe to show or record: bounded, without control characters. */
final class Texts {
    private Texts() {}

    /** Replaces control characters with a space and cuts at {@code max} characters, marking the cut. */
    static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        int end = Math.min(text.length(), max);
        if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }
}
