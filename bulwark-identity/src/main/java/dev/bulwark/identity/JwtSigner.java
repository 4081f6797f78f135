package dev.bulwark.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Mints Bulwark tokens with the newest key of an {@link Ed25519KeySet}. */
final class JwtSigner {
    static final String TOKEN_USE = "token_use";
    static final String SCOPE = "scope";
    static final String ACT = "act";
    static final String MAY_ACT = "may_act";
    /**
     * The {@code jti}s of the tokens an exchanged token was derived from (the subject token, the actor token, and their
     * own chains). Revoking any of them revokes the derived token: the verifier refuses a token any link of whose
     * chain is revoked.
     */
    static final String CHAIN = "chain";
    /** Longest chain a token may carry; longer chains are refused as malformed. */
    static final int MAX_CHAIN = 8;
    /** RFC 9068 type of access tokens; user tokens carry plain {@code JWT}. */
    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519KeySet keys;
    private final TokenSettings settings;

    JwtSigner(Ed25519KeySet keys, TokenSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /**
     * @param subject the agent id, or the user id for user and delegated tokens
     * @param actor   under delegation, the acting agent ({@code act.sub}, RFC 8693)
     * @param mayAct  for user tokens, the only agent allowed to exchange it ({@code may_act.sub})
     */
    IssuedToken sign(TokenUse use, String subject, Optional<String> actor, Optional<String> mayAct,
                     Set<String> scopes, Instant issuedAt, Instant expiresAt) {
        return sign(use, subject, actor, mayAct, scopes, List.of(), issuedAt, expiresAt);
    }

    /** @param chain the {@code jti}s this token derives from (see {@link #CHAIN}); empty for a root token */
    IssuedToken sign(TokenUse use, String subject, Optional<String> actor, Optional<String> mayAct,
                     Set<String> scopes, List<String> chain, Instant issuedAt, Instant expiresAt) {
        if (chain.size() > MAX_CHAIN) {
            throw new IllegalArgumentException("token chain longer than " + MAX_CHAIN);
        }
        String jti = newTokenId();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim(TOKEN_USE, use.claim);
        if (!scopes.isEmpty()) {
            claims.claim(SCOPE, String.join(" ", new TreeSet<>(scopes)));
        }
        if (!chain.isEmpty()) {
            claims.claim(CHAIN, List.copyOf(chain));
        }
        actor.ifPresent(a -> claims.claim(ACT, Map.of("sub", a)));
        mayAct.ifPresent(a -> claims.claim(MAY_ACT, Map.of("sub", a)));
        Ed25519KeySet.Key key = keys.signingKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.id())
                .type(use == TokenUse.ACCESS ? ACCESS_TOKEN_TYPE : JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new KeySigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign token: " + e.getMessage(), e);
        }
        // Second-granular exp: report what the token really says.
        return new IssuedToken(jwt.serialize(), jti, scopes, Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }

    private static String newTokenId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** Signs with the JDK's Ed25519, so Nimbus needs no extra crypto library. */
    private record KeySigner(Ed25519KeySet.Key key) implements JWSSigner {
        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            return Base64URL.encode(Ed25519KeySet.sign(key.privateKey(), signingInput));
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }
}
