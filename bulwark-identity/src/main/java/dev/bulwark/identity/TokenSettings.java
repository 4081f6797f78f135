package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How tokens are issued and checked.
 *
 * @param issuer           the {@code iss} of every token: this gateway's issuer URL
 * @param audience         the {@code aud} of every token: the gateway's resource URL (RFC 8707 {@code resource})
 * @param accessTokenTtl   lifetime of access tokens (default 15 minutes)
 * @param maxUserTokenTtl  longest lifetime an admin may give a user token
 * @param clockSkew        tolerance for {@code exp}, {@code nbf} and {@code iat} between machines
 * @param maxTokenLength   tokens longer than this many characters are refused before parsing
 * @param allowedScopes    the scopes a token may carry; a request without {@code scope} gets all of them
 */
public record TokenSettings(String issuer, String audience, Duration accessTokenTtl, Duration maxUserTokenTtl,
                            Duration clockSkew, int maxTokenLength, Set<String> allowedScopes) {
    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_MAX_USER_TOKEN_TTL = Duration.ofHours(12);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;
    public static final Set<String> DEFAULT_SCOPES = Set.of("mcp");
    /** RFC 6749 scope-token: printable ASCII except space, double quote and backslash. */
    static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");

    public TokenSettings {
        requireAbsoluteUri(issuer, "issuer");
        requireAbsoluteUri(audience, "audience");
        requirePositive(accessTokenTtl, "accessTokenTtl");
        requirePositive(maxUserTokenTtl, "maxUserTokenTtl");
        Checks.present(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and 5 minutes");
        }
        if (maxTokenLength < 512 || maxTokenLength > 65536) {
            throw new IllegalArgumentException("maxTokenLength must be between 512 and 65536");
        }
        allowedScopes = Set.copyOf(Checks.present(allowedScopes, "allowedScopes"));
        for (String scope : allowedScopes) {
            if (!SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException("invalid scope name: " + scope);
            }
        }
    }

    /** Settings with the defaults: 15-minute access tokens, 30 s clock skew, 8 KB token limit, scope {@code mcp}. */
    public static TokenSettings of(String issuer, String audience) {
        return new TokenSettings(issuer, audience, DEFAULT_ACCESS_TOKEN_TTL, DEFAULT_MAX_USER_TOKEN_TTL,
                DEFAULT_CLOCK_SKEW, DEFAULT_MAX_TOKEN_LENGTH, DEFAULT_SCOPES);
    }

    public TokenSettings withAccessTokenTtl(Duration ttl) {
        return new TokenSettings(issuer, audience, ttl, maxUserTokenTtl, clockSkew, maxTokenLength, allowedScopes);
    }

    public TokenSettings withClockSkew(Duration skew) {
        return new TokenSettings(issuer, audience, accessTokenTtl, maxUserTokenTtl, skew, maxTokenLength,
                allowedScopes);
    }

    public TokenSettings withAllowedScopes(Set<String> scopes) {
        return new TokenSettings(issuer, audience, accessTokenTtl, maxUserTokenTtl, clockSkew, maxTokenLength, scopes);
    }

    private static void requireAbsoluteUri(String value, String field) {
        Checks.nonBlank(value, field);
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException(field + " must be an absolute URL: " + value);
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(field + " must be an absolute URL: " + value, e);
        }
    }

    private static void requirePositive(Duration d, String field) {
        Checks.present(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
