package dev.bulwark.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of a token whose signature, algorithm, issuer and audience were checked. These facts never change for a
 * given token string, so they may be cached; time, revocation and account status must be checked on every use.
 */
record VerifiedToken(String keyId, String tokenId, TokenUse use, String subject, Optional<String> actor,
                     Optional<String> mayAct, Set<String> scopes, Instant issuedAt, Instant notBefore,
                     Instant expiresAt) {
    VerifiedToken {
        scopes = Set.copyOf(scopes);
    }
}
