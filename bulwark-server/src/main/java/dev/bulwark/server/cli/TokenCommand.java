package dev.bulwark.server.cli;

import dev.bulwark.identity.TokenRequest;
import dev.bulwark.identity.TokenResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", description = "Get an access token for an agent (client_credentials), or revoke one.",
        subcommands = {TokenCommand.Revoke.class})
final class TokenCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;
    @Option(names = "--agent", required = true, description = "agent id")
    String agent;
    @Option(names = "--key", required = true, description = "the agent's API key", interactive = false)
    String key;
    @Option(names = "--url", description = "the gateway's URL the token is for (default: the configured one, "
            + "http://127.0.0.1:8080); tokens name it as issuer and audience")
    String url;

    @Override
    public Integer call() {
        try (LocalState state = new LocalState(options.load(), url)) {
            TokenResponse response = state.identity.tokens().handle(TokenRequest.of(
                    Map.of("grant_type", "client_credentials", "client_id", agent, "client_secret", key),
                    Optional.empty()));
            if (response instanceof TokenResponse.Issued issued) {
                System.out.println(issued.accessToken());
                return 0;
            }
            System.err.println("bulwark: " + response.toJson());
            return 1;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by its id (jti); refused from the next call on.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "token id (jti)")
        String jti;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                state.identity.revocations().revoke(jti);
                System.out.println("token " + jti + " revoked");
                return 0;
            }
        }
    }
}
