package dev.bulwark.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of a token whose signature, algorithm, issuer and audience were checked. These facts never change for a
 * given token string, so they may be cached; time, revocation and account status must be checked on every use.
 *
 * @param chain the {@code jti}s of the tokens this one was exchanged from; revoking any of them revokes this one
 */
record VerifiedToken(String keyId, String tokenId, TokenUse use, String subject, Optional<String> actor,
                     Optional<String> mayAct, Set<String> scopes, Instant issuedAt, Instant notBefore,
                     Instant expiresAt, List<String> chain) {
    VerifiedToken {
        scopes = Set.copyOf(scopes);
        chain = List.copyOf(chain);
    }
}
