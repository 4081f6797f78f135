package dev.bulwark.server.http;

import java.util.Locale;

/** Extracts the credential from an {@code Authorization: Bearer} header (RFC 6750). */
public final class BearerTokens {
    /** Longer headers are refused before any parsing; real tokens are a few hundred bytes. */
    static final int MAX_LENGTH = 8192;

    private BearerTokens() {}

    /** The token, or {@code null} when the header is absent, not Bearer, empty or oversized. */
    public static String from(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() > MAX_LENGTH) {
            return null;
        }
        String h = authorizationHeader.trim();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = h.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
