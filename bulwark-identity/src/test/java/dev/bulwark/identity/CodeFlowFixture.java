package dev.bulwark.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An identity {@link Fixture} with interactive login: a registered client acting as agent {@code helper}. */
final class CodeFlowFixture {
    static final String REDIRECT = "http://127.0.0.1:33418/callback";
    static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789";

    final Fixture f;
    final SqlOAuthClients clients;
    final AuthorizationCodeFlow flow;
    final TokenEndpoint endpoint;
    final OAuthClient client;

    CodeFlowFixture(Path dir) {
        this(new Fixture(dir));
    }

    CodeFlowFixture(Fixture fixture) {
        f = fixture;
        f.agent("helper");
        f.users.register("alice", Set.of("staff"), Map.of());
        clients = new SqlOAuthClients(f.dataSource, f.clock);
        flow = new AuthorizationCodeFlow(clients, f.agents, f.users, f.dataSource, f.settings,
                Duration.ofSeconds(60), f.clock);
        CodeGrants grants = new CodeGrants(flow, clients, f.agents, f.users, f.revocations, f.dataSource,
                f.settings, Duration.ofHours(12), f.clock);
        endpoint = new TokenEndpoint(f.keys, f.settings, f.agents, f.users, f.revocations, f.clock,
                Optional.of(grants));
        client = clients.register("Editor", List.of(REDIRECT, "https://app.example.com/cb"), "helper");
    }

    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                OpaqueTokens.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The parameters of a good authorization request of {@link #client}. */
    Map<String, List<String>> authorizeParams() {
        Map<String, List<String>> p = new HashMap<>();
        p.put("response_type", List.of("code"));
        p.put("client_id", List.of(client.clientId()));
        p.put("redirect_uri", List.of(REDIRECT));
        p.put("code_challenge", List.of(challenge(VERIFIER)));
        p.put("code_challenge_method", List.of("S256"));
        p.put("state", List.of("xyz"));
        p.put("resource", List.of(Fixture.AUDIENCE));
        return p;
    }

    static Map<String, List<String>> with(Map<String, List<String>> base, String name, String value) {
        Map<String, List<String>> p = new HashMap<>(base);
        if (value == null) {
            p.remove(name);
        } else {
            p.put(name, List.of(value));
        }
        return p;
    }

    /** Logs alice in and consents; returns the code from the redirect URL. */
    String code() {
        AuthorizationRequest request = ((AuthorizationRequest.Outcome.Valid) flow.check(authorizeParams())).request();
        String url = flow.approve(request, "alice");
        return query(url).get("code");
    }

    static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    TokenResponse redeem(String code, String clientId, String redirect, String verifier) {
        Map<String, List<String>> form = new HashMap<>();
        form.put("grant_type", List.of("authorization_code"));
        form.put("code", List.of(code));
        form.put("client_id", List.of(clientId));
        form.put("redirect_uri", List.of(redirect));
        form.put("code_verifier", List.of(verifier));
        return endpoint.handle(new TokenRequest(form, Optional.empty()));
    }

    TokenResponse refresh(String token, String clientId) {
        Map<String, List<String>> form = new HashMap<>();
        form.put("grant_type", List.of("refresh_token"));
        form.put("refresh_token", List.of(token));
        form.put("client_id", List.of(clientId));
        return endpoint.handle(new TokenRequest(form, Optional.empty()));
    }

    static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }
}
