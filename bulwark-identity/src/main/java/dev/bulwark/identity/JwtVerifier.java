package dev.bulwark.identity;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.Authentication.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks Bulwark tokens: size, structure, algorithm (EdDSA only, an explicit allow-list: {@code none}, HMAC and
 * every other algorithm are refused before any key is touched), key id, signature, issuer, audience, required claims,
 * a lifetime ({@code exp - iat}) no longer than this gateway issues for the token's use (plus clock skew); then, on
 * every use, expiry, not-before and revocation of the token and of every token in its exchange chain.
 *
 * <p>Signature verification dominates the cost, so tokens that passed the static checks are kept in a small LRU cache
 * keyed by the SHA-256 of the token string. A hit still re-checks time and revocation and that the signing key is
 * still in the key set.
 */
final class JwtVerifier {
    static final int CACHE_SIZE = 4096;
    private static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.EdDSA);

    private final Ed25519KeySet keys;
    private final TokenSettings settings;
    private final SqlRevocationList revocations;
    private final Clock clock;
    private final Map<String, VerifiedToken> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VerifiedToken> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    JwtVerifier(Ed25519KeySet keys, TokenSettings settings, SqlRevocationList revocations, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.revocations = revocations;
        this.clock = clock;
    }

    TokenCheck check(String token) {
        if (token == null || token.isBlank()) {
            return new TokenCheck.Invalid(Reason.MISSING, "no credential was presented");
        }
        if (token.length() > settings.maxTokenLength()) {
            return new TokenCheck.Invalid(Reason.MALFORMED, "credential is longer than "
                    + settings.maxTokenLength() + " characters");
        }
        String cacheKey = sha256(token);
        VerifiedToken verified;
        synchronized (cache) {
            verified = cache.get(cacheKey);
        }
        if (verified == null || keys.key(verified.keyId()).isEmpty()) {
            TokenCheck fresh = verifyStatically(token);
            if (!(fresh instanceof TokenCheck.Valid valid)) {
                return fresh;
            }
            verified = valid.token();
            synchronized (cache) {
                cache.put(cacheKey, verified);
            }
        }
        return checkTimeAndRevocation(verified);
    }

    private TokenCheck checkTimeAndRevocation(VerifiedToken token) {
        Instant now = clock.instant();
        if (now.isAfter(token.expiresAt().plus(settings.clockSkew()))) {
            return new TokenCheck.Invalid(Reason.EXPIRED, "credential expired at " + token.expiresAt());
        }
        Instant earliest = now.plus(settings.clockSkew());
        if (token.notBefore().isAfter(earliest) || token.issuedAt().isAfter(earliest)) {
            return new TokenCheck.Invalid(Reason.NOT_YET_VALID, "credential is not valid before " + token.notBefore());
        }
        boolean revoked;
        try {
            // The token and every token it was exchanged from: revoking a parent revokes its derived tokens.
            List<String> lineage = new ArrayList<>(token.chain().size() + 1);
            lineage.add(token.tokenId());
            lineage.addAll(token.chain());
            // ... and every token of the agent issued before its kill switch was pulled
            revoked = revocations.anyRevoked(lineage, token.actor().orElse(token.subject()), token.issuedAt());
        } catch (RuntimeException e) {
            return new TokenCheck.Invalid(Reason.UNAVAILABLE, "revocation status could not be checked");
        }
        if (revoked) {
            return new TokenCheck.Invalid(Reason.REVOKED, "credential has been revoked");
        }
        return new TokenCheck.Valid(token);
    }

    private TokenCheck verifyStatically(String token) {
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first <= 0 || last == first || token.indexOf('.', first + 1) != last || !isBase64UrlOrDot(token)) {
            return malformed("credential is not a compact JWS (header.payload.signature)");
        }
        JWSHeader header;
        try {
            Header parsed = Header.parse(new Base64URL(token.substring(0, first)));
            if (!(parsed instanceof JWSHeader jws)) {
                return new TokenCheck.Invalid(Reason.UNSUPPORTED_ALGORITHM,
                        "credential is not signed with an accepted algorithm (EdDSA)");
            }
            header = jws;
        } catch (ParseException | RuntimeException e) {
            return malformed("credential header is not valid JOSE JSON");
        }
        if (!ALLOWED_ALGORITHMS.contains(header.getAlgorithm())) {
            return new TokenCheck.Invalid(Reason.UNSUPPORTED_ALGORITHM,
                    "credential is signed with " + header.getAlgorithm().getName() + "; only EdDSA is accepted");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return malformed("credential header has critical parameters this gateway does not understand");
        }
        if (header.getKeyID() == null) {
            return new TokenCheck.Invalid(Reason.BAD_SIGNATURE, "credential names no signing key (kid)");
        }
        Optional<Ed25519KeySet.Key> key = keys.key(header.getKeyID());
        if (key.isEmpty()) {
            return new TokenCheck.Invalid(Reason.BAD_SIGNATURE, "credential is signed with an unknown key");
        }
        byte[] signature = new Base64URL(token.substring(last + 1)).decode();
        byte[] signingInput = token.substring(0, last).getBytes(StandardCharsets.US_ASCII);
        if (signature.length != 64 || !Ed25519KeySet.verify(key.get().publicKey(), signingInput, signature)) {
            return new TokenCheck.Invalid(Reason.BAD_SIGNATURE, "credential signature does not verify");
        }
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(new Base64URL(token.substring(first + 1, last)).decodeToString());
        } catch (ParseException | RuntimeException e) {
            return malformed("credential claims are not a valid JSON object");
        }
        return readClaims(key.get().id(), claims);
    }

    private TokenCheck readClaims(String keyId, JWTClaimsSet claims) {
        try {
            if (!settings.issuer().equals(claims.getIssuer())) {
                return new TokenCheck.Invalid(Reason.WRONG_ISSUER, "credential was not issued by this gateway");
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(settings.audience())) {
                return new TokenCheck.Invalid(Reason.WRONG_AUDIENCE, "credential is not meant for this gateway");
            }
            String jti = claims.getJWTID();
            if (jti == null || jti.isBlank() || jti.length() > SqlRevocationList.MAX_JTI_LENGTH) {
                return malformed("credential has no valid token id (jti)");
            }
            TokenUse use = TokenUse.fromClaim(claims.getStringClaim(JwtSigner.TOKEN_USE));
            if (use == null) {
                return malformed("credential has no valid token_use");
            }
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            if (exp == null || iat == null) {
                return malformed("credential lacks exp or iat");
            }
            Duration lifetime = Duration.between(iat.toInstant(), exp.toInstant());
            Duration longest = (use == TokenUse.USER ? settings.maxUserTokenTtl() : settings.accessTokenTtl())
                    .plus(settings.clockSkew());
            if (lifetime.isNegative() || lifetime.compareTo(longest) > 0) {
                // Even a token signed with our key is refused when it lives longer than this gateway ever issues:
                // a leaked signing oracle or a misconfigured replica must not mint near-permanent credentials.
                return malformed("credential lifetime (exp - iat) exceeds the configured maximum of " + longest);
            }
            Date nbf = claims.getNotBeforeTime() == null ? iat : claims.getNotBeforeTime();
            String subject = validId(claims.getSubject());
            if (subject == null) {
                return malformed("credential has no valid subject");
            }
            Optional<String> actor = party(claims, JwtSigner.ACT);
            Optional<String> mayAct = party(claims, JwtSigner.MAY_ACT);
            if (actor == null || mayAct == null) {
                return malformed("credential has an invalid act or may_act claim");
            }
            Set<String> scopes = new TreeSet<>();
            String scope = claims.getStringClaim(JwtSigner.SCOPE);
            if (scope != null) {
                for (String s : scope.split(" ")) {
                    if (!TokenSettings.SCOPE_TOKEN.matcher(s).matches()) {
                        return malformed("credential has an invalid scope");
                    }
                    scopes.add(s);
                }
            }
            List<String> chain = chain(claims);
            if (chain == null) {
                return malformed("credential has an invalid chain claim");
            }
            return new TokenCheck.Valid(new VerifiedToken(keyId, jti, use, subject, actor, mayAct, scopes,
                    iat.toInstant(), nbf.toInstant(), exp.toInstant(), chain));
        } catch (ParseException e) {
            return malformed("credential claims have the wrong types");
        }
    }

    /** The parent token ids; empty when absent, null when not an array of at most MAX_CHAIN valid jtis. */
    private static List<String> chain(JWTClaimsSet claims) {
        Object value = claims.getClaim(JwtSigner.CHAIN);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items) || items.isEmpty() || items.size() > JwtSigner.MAX_CHAIN) {
            return null;
        }
        List<String> chain = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String jti) || jti.isBlank() || jti.length() > SqlRevocationList.MAX_JTI_LENGTH) {
                return null;
            }
            chain.add(jti);
        }
        return chain;
    }

    /** The {@code sub} inside an {@code act}/{@code may_act} object; empty when absent, null when invalid. */
    private static Optional<String> party(JWTClaimsSet claims, String name) throws ParseException {
        Object value = claims.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> object = claims.getJSONObjectClaim(name);
        String sub = object.get("sub") instanceof String s ? validId(s) : null;
        return sub == null ? null : Optional.of(sub);
    }

    private static String validId(String id) {
        try {
            return Agent.requireValidId(id, "id");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isBase64UrlOrDot(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static TokenCheck malformed(String detail) {
        return new TokenCheck.Invalid(Reason.MALFORMED, detail);
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
