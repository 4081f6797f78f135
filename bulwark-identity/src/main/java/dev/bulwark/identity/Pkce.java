package dev.bulwark.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * PKCE (RFC 7636) with {@code S256} only: {@code plain} sends the verifier itself through the browser, which defeats
 * the point, and OAuth 2.1 lets a server refuse it.
 */
final class Pkce {
    static final String S256 = "S256";
    /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** A base64url SHA-256 digest: exactly 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {}

    static boolean validChallenge(String challenge) {
        return challenge != null && CHALLENGE.matcher(challenge).matches();
    }

    /** Whether {@code verifier} is well formed and its S256 digest is {@code challenge}. */
    static boolean verifies(String verifier, String challenge) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        String digest = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(OpaqueTokens.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        return OpaqueTokens.same(digest, challenge);
    }
}
