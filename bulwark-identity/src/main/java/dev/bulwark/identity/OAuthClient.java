package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.time.Instant;
import java.util.List;

/**
 * A client registered for interactive login (RFC 7591): a public client (no secret; PKCE protects its codes) that acts
 * for a user through a registered agent. Its tokens carry {@code sub} = user and {@code act.sub} = agent, so they may
 * do at most what both the user and the agent may do.
 *
 * @param clientId     Bulwark-generated, {@code bwc_} and 22 random characters
 * @param name         the {@code client_name} the client gave itself; shown on the consent page as a claim, not a fact
 * @param redirectUris exact redirect URIs ({@link RedirectUris})
 * @param agentId      the agent this client acts as
 */
public record OAuthClient(String clientId, String name, List<String> redirectUris, String agentId, Instant createdAt) {
    static final int MAX_NAME = 100;
    static final int MAX_REDIRECT_URIS = 10;

    public OAuthClient {
        Checks.nonBlank(clientId, "clientId");
        Checks.nonBlank(name, "name");
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("client_name must have at most " + MAX_NAME + " characters");
        }
        if (name.codePoints().anyMatch(OAuthClient::unseen)) {
            throw new IllegalArgumentException("client_name must not contain control, format (direction, zero-width),"
                    + " private-use or unassigned characters");
        }
        redirectUris = List.copyOf(Checks.present(redirectUris, "redirectUris"));
        if (redirectUris.isEmpty() || redirectUris.size() > MAX_REDIRECT_URIS) {
            throw new IllegalArgumentException("redirect_uris must list 1 to " + MAX_REDIRECT_URIS + " URIs");
        }
        for (String uri : redirectUris) {
            RedirectUris.problem(uri).ifPresent(p -> {
                throw new IllegalArgumentException("invalid redirect URI: " + p);
            });
        }
        Agent.requireValidId(agentId, "agentId");
        Checks.present(createdAt, "createdAt");
    }

    /**
     * Whether a character of a client's self-chosen name would not be seen as itself on the consent page: a direction
     * override reorders the sentence around it, a zero-width character hides a difference from a trusted name.
     */
    private static boolean unseen(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
