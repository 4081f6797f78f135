package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the token endpoint answers, with what the server needs to write the audit event. The server sends
 * {@link #toJson()} with {@link #httpStatus()}, {@code Content-Type: application/json} and
 * {@code Cache-Control: no-store}; for {@link OAuthError#INVALID_CLIENT} it adds {@code WWW-Authenticate: Basic}.
 * Neither {@code toString()} nor the audit fields contain a secret.
 */
public sealed interface TokenResponse permits TokenResponse.Issued, TokenResponse.Failed {

    int httpStatus();

    /** The JSON body of RFC 6749 §5.1 / §5.2. */
    String toJson();

    /** The grant type that was asked for, as given (empty when missing); audit action e.g. {@code token.<grant>}. */
    String grantType();

    /** The agent that asked (the authenticated client, or the claimed client id when authentication failed). */
    Optional<String> agentId();

    /**
     * A token was issued.
     *
     * @param issuedTokenType for token exchange, {@code urn:ietf:params:oauth:token-type:access_token}
     * @param userId          under delegation, the user the agent acts for
     */
    record Issued(IssuedToken token, long expiresIn, Optional<String> issuedTokenType, String grantType,
                  String agent, Optional<String> userId, Optional<String> refreshToken) implements TokenResponse {
        public Issued(IssuedToken token, long expiresIn, Optional<String> issuedTokenType, String grantType,
                      String agent, Optional<String> userId) {
            this(token, expiresIn, issuedTokenType, grantType, agent, userId, Optional.empty());
        }

        public Issued {
            Checks.present(refreshToken, "refreshToken");
            Checks.present(token, "token");
            if (expiresIn < 0) {
                throw new IllegalArgumentException("expiresIn must be >= 0");
            }
            Checks.present(issuedTokenType, "issuedTokenType");
            Checks.nonBlank(grantType, "grantType");
            Checks.nonBlank(agent, "agent");
            Checks.present(userId, "userId");
        }

        public String accessToken() {
            return token.value();
        }

        public String tokenType() {
            return "Bearer";
        }

        @Override
        public int httpStatus() {
            return 200;
        }

        @Override
        public Optional<String> agentId() {
            return Optional.of(agent);
        }

        @Override
        public String toJson() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token.value());
            body.put("token_type", tokenType());
            body.put("expires_in", expiresIn);
            if (!token.scopes().isEmpty()) {
                body.put("scope", String.join(" ", new TreeSet<>(token.scopes())));
            }
            issuedTokenType.ifPresent(t -> body.put("issued_token_type", t));
            refreshToken.ifPresent(t -> body.put("refresh_token", t));
            return JsonText.of(body);
        }

        public Set<String> scopes() {
            return token.scopes();
        }

        public Instant expiresAt() {
            return token.expiresAt();
        }

        @Override
        public String toString() {
            return "Issued[" + token + ", grantType=" + grantType + ", agent=" + agent + ", userId=" + userId + "]";
        }
    }

    /**
     * Nothing was issued.
     *
     * @param description error_description shown to the client; identical for unknown agent and wrong key
     * @param auditReason the precise cause for the audit log (e.g. {@code unknown agent}, {@code wrong API key},
     *                    {@code agent suspended}); never contains a secret, never shown to the client
     */
    record Failed(OAuthError error, String description, String grantType, Optional<String> agentId,
                  String auditReason) implements TokenResponse {
        public Failed {
            Checks.present(error, "error");
            Checks.nonBlank(description, "description");
            Checks.present(grantType, "grantType");
            Checks.present(agentId, "agentId");
            Checks.nonBlank(auditReason, "auditReason");
        }

        @Override
        public int httpStatus() {
            return error.httpStatus();
        }

        @Override
        public String toJson() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error.code());
            body.put("error_description", description);
            return JsonText.of(body);
        }
    }
}
