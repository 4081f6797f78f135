package dev.bulwark.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Clients identified by a client ID metadata document (CIMD, draft-ietf-oauth-client-id-metadata-document; the MCP
 * authorization spec's preferred way): the {@code client_id} is an https URL, and the document found there describes
 * the client. Such clients act as the configured agent, like dynamically registered ones.
 *
 * <p>The URL is checked before anything is fetched: https, a path, no query, fragment, user info or dot segments, at
 * most 512 characters. The fetch itself belongs to the caller ({@link Fetch}), which must apply egress rules (no private
 * addresses, size and time bounds, no redirects). The document must be a JSON object whose {@code client_id} is exactly
 * the URL, with acceptable {@code redirect_uris} ({@link RedirectUris}), no client authentication ({@code none}), and
 * only the {@code code} response type and code/refresh grants. Answers are cached for 5 minutes and refusals for 1
 * minute, so a flood of authorization requests naming one URL causes one fetch, not one per request.
 */
public final class ClientMetadataDocuments implements OAuthClients {
    static final int MAX_URL = 512;
    private static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token");
    private final Fetch fetch;
    private final String agentId;
    private final Clock clock;
    private final Cache<String, Optional<OAuthClient>> found = Caffeine.newBuilder().maximumSize(1000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();
    private final Cache<String, String> refused = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    /** Fetches a metadata document under egress rules; throws when it cannot or may not. */
    @FunctionalInterface
    public interface Fetch {
        String fetch(URI url) throws IOException;
    }

    public ClientMetadataDocuments(Fetch fetch, String agentId, Clock clock) {
        this.fetch = Checks.present(fetch, "fetch");
        this.agentId = Agent.requireValidId(agentId, "agentId");
        this.clock = Checks.present(clock, "clock");
    }

    @Override
    public Optional<OAuthClient> find(String clientId) {
        if (clientId == null || !clientId.startsWith("https://") || refused.getIfPresent(clientId) != null) {
            return Optional.empty();
        }
        Optional<OAuthClient> cached = found.getIfPresent(clientId);
        if (cached != null) {
            return cached;
        }
        try {
            OAuthClient client = load(clientId);
            found.put(clientId, Optional.of(client));
            return Optional.of(client);
        } catch (IOException | IllegalArgumentException e) {
            refused.put(clientId, String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }

    /** Why the last attempt for this client id was refused, while it is remembered. */
    public Optional<String> refusal(String clientId) {
        return Optional.ofNullable(clientId == null ? null : refused.getIfPresent(clientId));
    }

    private OAuthClient load(String clientId) throws IOException {
        URI url = checkedUrl(clientId);
        Map<String, Object> doc;
        try {
            doc = JSONObjectUtils.parse(fetch.fetch(url));
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("the metadata document is not a JSON object");
        }
        if (!clientId.equals(doc.get("client_id"))) {
            throw new IllegalArgumentException("the document's client_id is not its URL");
        }
        Object method = doc.get("token_endpoint_auth_method");
        if (method != null && !"none".equals(method)) {
            throw new IllegalArgumentException("only public clients are supported (token_endpoint_auth_method none)");
        }
        requireSubset(doc.get("grant_types"), GRANTS, "grant_types");
        requireSubset(doc.get("response_types"), Set.of("code"), "response_types");
        Object uris = doc.get("redirect_uris");
        if (!(uris instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("redirect_uris must be a non-empty array");
        }
        List<String> redirects = new ArrayList<>();
        for (Object uri : list) {
            if (!(uri instanceof String s) || RedirectUris.problem(s).isPresent()) {
                throw new IllegalArgumentException("a redirect URI is not acceptable");
            }
            redirects.add(s);
        }
        Object name = doc.get("client_name");
        String clientName = name instanceof String s && !s.isBlank() ? s : url.getHost();
        return new OAuthClient(clientId, clientName, redirects, agentId, clock.instant());
    }

    /** The client id as a URL we may fetch, or why not. */
    static URI checkedUrl(String clientId) {
        if (clientId.length() > MAX_URL) {
            throw new IllegalArgumentException("client_id URL longer than " + MAX_URL);
        }
        URI url;
        try {
            url = new URI(clientId);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("client_id is not a URL");
        }
        String path = url.getRawPath();
        if (!"https".equals(url.getScheme()) || url.getHost() == null || url.getRawUserInfo() != null
                || url.getRawQuery() != null || url.getRawFragment() != null || path == null || path.length() < 2
                || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
            throw new IllegalArgumentException("client_id must be an https URL with a path and nothing else");
        }
        return url;
    }

    private static void requireSubset(Object values, Set<String> allowed, String field) {
        if (values == null) {
            return;
        }
        if (!(values instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String s
                && allowed.contains(s))) {
            throw new IllegalArgumentException(field + " may hold only " + allowed);
        }
    }
}
