package dev.bulwark.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.identity.OAuthClient;
import dev.bulwark.identity.RedirectUris;
import dev.bulwark.identity.SqlOAuthClients;
import dev.bulwark.identity.TokenThrottle;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 7591 dynamic client registration, for public clients only ({@code token_endpoint_auth_method: none}, PKCE
 * protects their codes). Every registered client acts as the one configured agent
 * ({@code identity.oauth.registrationAgent}), so registering grants nothing by itself: a user must still log in and
 * consent, and the token may do at most what both the user and that agent may do. Members the gateway does not use
 * ({@code logo_uri}, {@code client_uri}, ...) are ignored, as RFC 7591 §2 allows. Every registration, accepted or
 * refused, counts against its source address ({@link TokenThrottle} per-source allowance, by default 20 per 5
 * minutes), so one source cannot fill the clients table.
 */
public final class RegistrationServlet extends HttpServlet {
    public static final String PATH = "/oauth/register";
    private static final int MAX_BODY = 16 * 1024;
    private static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token");
    private final transient SqlOAuthClients clients;
    private final String agentId;
    private final transient TokenThrottle throttle;
    private final transient GateAudit audit;

    public RegistrationServlet(SqlOAuthClients clients, String agentId, TokenThrottle throttle, GateAudit audit) {
        this.clients = clients;
        this.agentId = agentId;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String source = request.getRemoteAddr();
        if (throttle.check(Optional.empty(), source) instanceof TokenThrottle.Verdict.Throttled t) {
            response.setHeader("Retry-After", Long.toString(t.retryAfter().toSeconds()));
            error(response, 429, "slow_down", "too many registrations from this address; retry later");
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
                || request.getContentLengthLong() > MAX_BODY) {
            refuse(request, response, "invalid_client_metadata", "send at most 16 KB of application/json");
            return;
        }
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            body = bytes.length > MAX_BODY ? null : JsonResponses.JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            refuse(request, response, "invalid_client_metadata", "the body must be a JSON object");
            return;
        }
        List<String> uris = new ArrayList<>();
        JsonNode redirects = body.get("redirect_uris");
        if (redirects == null || !redirects.isArray() || redirects.isEmpty()) {
            refuse(request, response, "invalid_redirect_uri", "redirect_uris must be a non-empty array");
            return;
        }
        for (JsonNode uri : redirects) {
            Optional<String> problem = uri.isTextual() ? RedirectUris.problem(uri.asText())
                    : Optional.of("redirect URIs must be strings");
            if (problem.isPresent()) {
                refuse(request, response, "invalid_redirect_uri", problem.get());
                return;
            }
            uris.add(uri.asText());
        }
        Optional<String> problem = metadataProblem(body);
        if (problem.isPresent()) {
            refuse(request, response, "invalid_client_metadata", problem.get());
            return;
        }
        JsonNode name = body.get("client_name");
        OAuthClient client;
        try {
            client = clients.register(name == null ? "unnamed client" : name.asText(), uris, agentId);
        } catch (IllegalArgumentException e) {
            refuse(request, response, "invalid_client_metadata", e.getMessage());
            return;
        }
        throttle.recordFailure(Optional.empty(), source); // every registration counts against the source
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("client", client.clientId());
        details.put("clientName", GateAudit.truncate(client.name(), 100));
        details.put("redirectUris", client.redirectUris());
        details.put("remote", source);
        audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.AUTHENTICATION, "oauth.register",
                Outcome.SUCCEEDED, agentId, null, null, "", details));
        ObjectNode out = JsonResponses.object();
        out.put("client_id", client.clientId());
        out.put("client_id_issued_at", client.createdAt().getEpochSecond());
        out.put("client_name", client.name());
        client.redirectUris().forEach(out.putArray("redirect_uris")::add);
        out.putArray("grant_types").add("authorization_code").add("refresh_token");
        out.putArray("response_types").add("code");
        out.put("token_endpoint_auth_method", "none");
        response.setHeader("Cache-Control", "no-store");
        JsonResponses.write(response, 201, out);
    }

    private static Optional<String> metadataProblem(JsonNode body) {
        JsonNode name = body.get("client_name");
        if (name != null && (!name.isTextual() || name.asText().isBlank())) {
            return Optional.of("client_name must be a non-empty string");
        }
        JsonNode method = body.get("token_endpoint_auth_method");
        if (method != null && !"none".equals(method.asText(null))) {
            return Optional.of("only public clients may register: token_endpoint_auth_method must be none");
        }
        JsonNode grants = body.get("grant_types");
        if (grants != null) {
            if (!grants.isArray()) {
                return Optional.of("grant_types must be an array");
            }
            for (JsonNode g : grants) {
                if (!g.isTextual() || !GRANTS.contains(g.asText())) {
                    return Optional.of("grant_types may hold only authorization_code and refresh_token");
                }
            }
        }
        JsonNode types = body.get("response_types");
        if (types != null) {
            if (!types.isArray()) {
                return Optional.of("response_types must be an array");
            }
            for (JsonNode t : types) {
                if (!"code".equals(t.asText(null))) {
                    return Optional.of("response_types may hold only code");
                }
            }
        }
        return Optional.empty();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String error, String description)
            throws IOException {
        throttle.recordFailure(Optional.empty(), request.getRemoteAddr());
        audit.refused(AuditEventType.AUTHENTICATION, "oauth.register", null, error, request,
                Map.of("detail", GateAudit.truncate(description, 200)));
        error(response, 400, error, description);
    }

    private static void error(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        JsonResponses.write(response, status, JsonResponses.object().put("error", error)
                .put("error_description", description));
    }
}
