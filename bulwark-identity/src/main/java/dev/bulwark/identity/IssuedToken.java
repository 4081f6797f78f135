package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.Set;

/**
 * A signed token as handed out. {@link #toString()} hides the token itself so it cannot leak through logs.
 *
 * @param value     the compact JWT
 * @param tokenId   its {@code jti}, for audit and revocation
 * @param scopes    the scopes it carries
 * @param expiresAt its {@code exp}
 */
public record IssuedToken(String value, String tokenId, Set<String> scopes, Instant expiresAt) {
    public IssuedToken {
        Checks.nonBlank(value, "value");
        Checks.nonBlank(tokenId, "tokenId");
        scopes = Set.copyOf(Checks.present(scopes, "scopes"));
        Checks.present(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedToken[tokenId=" + tokenId + ", scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
    }
}
