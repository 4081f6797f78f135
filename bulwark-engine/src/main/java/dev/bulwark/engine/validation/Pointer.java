package dev.bulwark.engine.validation;

/** JSON Pointer text for messages, bounded because keys come from the agent. */
final class Pointer {
    static final int MAX_LENGTH = 120;

    private Pointer() {}

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    static String bounded(String pointer) {
        StringBuilder out = new StringBuilder(Math.min(pointer.length(), MAX_LENGTH) + 1);
        for (int i = 0; i < pointer.length() && out.length() < MAX_LENGTH; i++) {
            char c = pointer.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (pointer.length() > MAX_LENGTH) {
            out.append('…');
        }
        return out.toString();
    }
}
