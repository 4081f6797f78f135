package dev.bulwark.spi.session;

import java.util.regex.Pattern;

/**
 * The bounds of one session, so that its memory is bounded whatever an agent does. At a bound the store refuses the
 * update (and the gateway withholds the output that caused it) rather than forget a fact: a label, once seen, is
 * never dropped.
 *
 * @param maxLabels          distinct labels a session may hold
 * @param maxLabelLength     characters of one label
 * @param recentTools        tool names kept, newest last (older ones drop off: they are history, not restrictions)
 * @param maxExtensions      named extension blobs a session may hold
 * @param maxExtensionBytes  bytes of one extension blob
 */
public record SessionLimits(int maxLabels, int maxLabelLength, int recentTools, int maxExtensions,
                            int maxExtensionBytes) {
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9._-]{1,64}");
    public static final int MAX_TOOL_NAME_LENGTH = 256;

    public SessionLimits {
        if (maxLabels < 1 || maxLabelLength < 1 || recentTools < 1 || maxExtensions < 0 || maxExtensionBytes < 0) {
            throw new IllegalArgumentException("session limits must be positive");
        }
    }

    public static SessionLimits defaults() {
        return new SessionLimits(64, 128, 20, 8, 256 * 1024);
    }

    /** Refuses labels beyond the length bound or with control characters. */
    public void checkLabel(String label) {
        if (label == null || label.isEmpty() || label.length() > maxLabelLength) {
            throw new IllegalStateException("session label missing or longer than " + maxLabelLength);
        }
        for (int i = 0; i < label.length(); i++) {
            if (Character.isISOControl(label.charAt(i))) {
                throw new IllegalStateException("session label with a control character");
            }
        }
    }

    public void checkExtension(String name, byte[] data) {
        checkExtensionName(name);
        if (data == null || data.length > maxExtensionBytes) {
            throw new IllegalArgumentException("session extension " + name + " missing or larger than "
                    + maxExtensionBytes + " bytes");
        }
    }

    static void checkExtensionName(String name) {
        if (name == null || !EXTENSION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("session extension names are [a-z0-9._-]{1,64}");
        }
    }
}
