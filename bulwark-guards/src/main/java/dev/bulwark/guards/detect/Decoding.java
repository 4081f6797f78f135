package dev.bulwark.guards.detect;

import java.util.Base64;

/** The encoding a run of characters can be read in: hex digits, base64 or base64url (padding optional), or none. */
enum Decoding {
    NONE,
    HEX,
    BASE64,
    BASE64URL;

    static Decoding of(String run) {
        int n = run.length();
        int padding = 0;
        while (padding < n && run.charAt(n - 1 - padding) == '=') {
            padding++;
        }
        if (padding > 2) {
            return NONE;
        }
        boolean hex = padding == 0 && n % 2 == 0;
        boolean standard = false;
        boolean url = false;
        for (int i = 0; i < n - padding; i++) {
            char c = run.charAt(i);
            if (c == '+' || c == '/') {
                standard = true;
                hex = false;
            } else if (c == '-' || c == '_') {
                url = true;
                hex = false;
            } else if (c == '=' || c == '~') {
                return NONE;
            } else if (hex && Character.digit(c, 16) < 0) {
                hex = false;
            }
        }
        if (hex && n >= EncodedSecrets.MIN_HEX) {
            return HEX;
        }
        if (standard && url || n < EncodedSecrets.MIN_BASE64 || (n - padding) % 4 == 1) {
            return NONE;
        }
        return url ? BASE64URL : BASE64;
    }

    /** An upper bound of the decoded size in bytes. */
    long decodedSize(String run) {
        return this == HEX ? run.length() / 2 : (run.length() * 3L + 3) / 4;
    }

    /** The decoded bytes; {@code null} when the run is not valid in this encoding after all. */
    byte[] decode(String run) {
        try {
            return switch (this) {
                case NONE -> null;
                case HEX -> java.util.HexFormat.of().parseHex(run);
                case BASE64 -> Base64.getDecoder().decode(unpadded(run));
                case BASE64URL -> Base64.getUrlDecoder().decode(unpadded(run));
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String unpadded(String run) {
        int end = run.length();
        while (end > 0 && run.charAt(end - 1) == '=') {
            end--;
        }
        return run.substring(0, end);
    }
}
