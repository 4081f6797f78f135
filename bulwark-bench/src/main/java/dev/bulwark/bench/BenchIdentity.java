package dev.bulwark.bench;

import dev.bulwark.identity.AgentRegistration;
import dev.bulwark.identity.TokenRequest;
import dev.bulwark.identity.TokenResponse;
import dev.bulwark.server.gateway.Gateway;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The load agent of the benchmarks: registered with role {@code support}, with a client_credentials token. */
final class BenchIdentity {
    private BenchIdentity() {}

    static String supportToken(Gateway gateway) {
        AgentRegistration agent = gateway.identity().agents().register("load-bot", "bench@bulwark.local",
                Set.of("support"), Map.of());
        TokenResponse response = gateway.identity().tokens().handle(TokenRequest.of(Map.of(
                "grant_type", "client_credentials", "client_id", "load-bot",
                "client_secret", agent.apiKey().value()), Optional.empty()));
        if (!(response instanceof TokenResponse.Issued issued)) {
            throw new IllegalStateException("no token: " + response.toJson());
        }
        return issued.accessToken();
    }
}
