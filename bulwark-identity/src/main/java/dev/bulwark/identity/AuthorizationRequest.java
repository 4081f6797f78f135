package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A checked request to the authorization endpoint: a known client, one of its registered redirect URIs, an S256 PKCE
 * challenge and scopes the gateway can grant.
 *
 * @param state the client's opaque value, returned unchanged with the code
 */
public record AuthorizationRequest(OAuthClient client, Agent agent, String redirectUri, String challenge,
                                   Set<String> scopes, Optional<String> state) {
    static final int MAX_STATE = 1024;

    public AuthorizationRequest {
        Checks.present(client, "client");
        Checks.present(agent, "agent");
        if (!RedirectUris.matches(redirectUri, client.redirectUris())) {
            throw new IllegalArgumentException("redirect_uri is not registered for the client");
        }
        if (!Pkce.validChallenge(challenge)) {
            throw new IllegalArgumentException("code_challenge must be an S256 digest");
        }
        scopes = Set.copyOf(Checks.present(scopes, "scopes"));
        Checks.present(state, "state");
    }

    /**
     * How a request to the authorization endpoint was judged. Only {@link Redirect} may send the browser back to the
     * client; a request whose client or redirect URI is wrong is answered on Bulwark's own page (RFC 6749 §4.1.2.1),
     * so the endpoint is never an open redirector.
     */
    public sealed interface Outcome {
        record Valid(AuthorizationRequest request) implements Outcome {}

        /** Shown to the user; the browser is not redirected. */
        record Refused(String description) implements Outcome {}

        /** Sent to the client's (verified) redirect URI as {@code error}. */
        record Redirect(String url, String error, String description) implements Outcome {}
    }

    /** The URL the browser is sent to with {@code parameters} (e.g. {@code code}), {@code state} and {@code iss}. */
    public String redirectWith(Map<String, String> parameters, String issuer) {
        return withQuery(redirectUri, parameters, state, issuer);
    }

    static String withQuery(String redirectUri, Map<String, String> parameters, Optional<String> state,
                            String issuer) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        state.ifPresent(s -> all.put("state", s));
        all.put("iss", issuer); // RFC 9207: lets the client detect a mix-up between authorization servers
        StringBuilder url = new StringBuilder(redirectUri);
        char sep = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : all.entrySet()) {
            url.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return url.toString();
    }

    /** The values a form must carry to repeat this request (login and consent pages post them back). */
    public Map<String, String> asParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", client.clientId());
        p.put("redirect_uri", redirectUri);
        p.put("code_challenge", challenge);
        p.put("code_challenge_method", Pkce.S256);
        p.put("scope", String.join(" ", new java.util.TreeSet<>(scopes)));
        state.ifPresent(s -> p.put("state", s));
        return p;
    }

    static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.size() == 1 && !values.getFirst().isEmpty() ? Optional.of(values.getFirst()) : Optional.empty();
    }
}
