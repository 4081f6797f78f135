package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.util.Optional;

/**
 * Who the client of a token request is: the credentials it presents (HTTP Basic or form fields, never both) and the
 * agent they authenticate. An unknown agent and a wrong key get the same answer, so existence does not leak.
 */
final class ClientAuthentication {
    private static final String AUTH_FAILED = "client authentication failed";

    private final SqlAgentStore agents;

    ClientAuthentication(SqlAgentStore agents) {
        this.agents = Checks.present(agents, "agents");
    }

    /** The active agent the credentials authenticate; unknown agent and wrong key get the same answer. */
    Agent authenticate(Optional<ClientCredentials> client) throws Refusal {
        if (client.isEmpty()) {
            throw new Refusal(OAuthError.INVALID_CLIENT, "client authentication is required", "no client credentials");
        }
        String id = client.get().clientId();
        Optional<String> claimed = validId(id);
        if (!agents.verifyKey(id, client.get().clientSecret())) {
            boolean known = claimed.isPresent() && agents.find(id).isPresent();
            throw new Refusal(OAuthError.INVALID_CLIENT, AUTH_FAILED, known ? "wrong API key" : "unknown agent",
                    claimed);
        }
        Agent agent = agents.find(id).orElseThrow(
                () -> new Refusal(OAuthError.INVALID_CLIENT, AUTH_FAILED, "unknown agent", claimed));
        if (!agent.active()) {
            throw new Refusal(OAuthError.INVALID_CLIENT, "agent is suspended", "agent suspended", claimed);
        }
        return agent;
    }

    /** The credentials the request presents (HTTP Basic or form, never both); empty when it presents none. */
    static Optional<ClientCredentials> presented(TokenRequest request, TokenForm form) throws Refusal {
        Optional<String> formId = form.one("client_id");
        Optional<String> formSecret = form.one("client_secret");
        if (request.basicCredentials().isPresent()) {
            if (formSecret.isPresent()) {
                throw new Refusal(OAuthError.INVALID_REQUEST, "use one client authentication method, not two",
                        "Basic and form client credentials",
                        request.basicCredentials().map(ClientCredentials::clientId));
            }
            if (formId.isPresent() && !formId.get().equals(request.basicCredentials().get().clientId())) {
                throw new Refusal(OAuthError.INVALID_REQUEST, "client_id does not match the Basic credentials",
                        "client_id mismatch", Optional.empty());
            }
            return request.basicCredentials();
        }
        if (formSecret.isPresent() != formId.isPresent() || formSecret.map(String::isBlank).orElse(false)
                || formId.map(String::isBlank).orElse(false)) {
            throw new Refusal(OAuthError.INVALID_CLIENT, AUTH_FAILED, "incomplete form client credentials",
                    formId.flatMap(ClientAuthentication::validId));
        }
        return formId.map(id -> new ClientCredentials(id, formSecret.get()));
    }

    /** The id when it is a valid agent id, else empty. */
    static Optional<String> validId(String id) {
        try {
            return Optional.of(Agent.requireValidId(id, "client_id"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
