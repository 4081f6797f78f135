package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authenticator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Stands in front of the MCP servlet. In order: origin check, authentication (401 with the discovery pointer MCP
 * clients follow), content type, body size and arrival time, JSON-RPC shape, notifications (202, only
 * {@code notifications/initialized} reaches the SDK), known methods; responses go to the SDK and are answered 202.
 * Every refusal is audited before the answer goes out; if it cannot be audited the request fails with 503 (fail
 * closed).
 */
public final class McpGate implements Filter {
    public static final String PRINCIPAL = "bulwark.principal";
    public static final String CREDENTIAL = "bulwark.credential";
    public static final String AUTHENTICATION = "bulwark.authentication";

    /** Methods the gateway serves; anything else is refused and audited (deny by default). */
    private static final Set<String> KNOWN_METHODS = Set.of(
            "initialize", "ping", "tools/list", "tools/call", "logging/setLevel", "notifications/initialized");
    /** Resources, prompts and completions, which the front door serves governed (docs/security/resources.md). */
    private static final Set<String> FEATURE_METHODS = Set.of("resources/list", "resources/templates/list",
            "resources/read", "prompts/list", "prompts/get", "completion/complete");
    /** Resource subscriptions, which the front door serves governed (docs/security/relay.md). */
    private static final Set<String> SUBSCRIPTION_METHODS = Set.of("resources/subscribe", "resources/unsubscribe");
    /** Notifications the SDK acts on; every other notification is accepted (202) and dropped at the gate. */
    private static final Set<String> SDK_NOTIFICATIONS = Set.of("notifications/initialized");
    /**
     * Reads agents' messages strictly: a repeated member name or anything after the message is refused. The gate, the
     * SDK and policy must all read one message the same way; with a repeated {@code name} or {@code method}, which
     * copy counts depends on the parser, and a reader that took the other one would be governed by another call.
     */
    private static final ObjectMapper MESSAGES = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Authenticator authenticator;
    private final GateAudit audit;
    private final int maxBodyBytes;
    private final String resourceMetadataUrl;
    private final OriginPolicy origins;
    private final Predicate<String> toolExists;
    private final Duration bodyTimeout;
    private final SessionBindings sessions = new SessionBindings(100_000);
    private final LaterTurns laterTurns = new LaterTurns(100_000);
    /** Receives (session id, user's intent) when a session starts with {@link IntentHeader}. */
    private final java.util.function.BiConsumer<String, String> intents;

    /** Receives (session id, JSON text of the request id) of each {@code notifications/cancelled}. */
    private java.util.function.BiConsumer<String, String> cancelled = (session, id) -> { };

    /** Reports {@code notifications/cancelled} from the caller's own session to {@code cancelled}. */
    public McpGate cancellingWith(java.util.function.BiConsumer<String, String> cancelled) {
        this.cancelled = java.util.Objects.requireNonNull(cancelled, "cancelled");
        return this;
    }

    public McpGate(Authenticator authenticator, GateAudit audit, int maxBodyBytes, String resourceMetadataUrl,
                   OriginPolicy origins, Predicate<String> toolExists, Duration bodyTimeout,
                   java.util.function.BiConsumer<String, String> intents) {
        this.intents = java.util.Objects.requireNonNull(intents, "intents");
        this.authenticator = authenticator;
        this.audit = audit;
        this.maxBodyBytes = maxBodyBytes;
        this.resourceMetadataUrl = resourceMetadataUrl;
        this.origins = origins;
        this.toolExists = toolExists;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        try {
            gate(request, response, chain);
        } catch (AuditException e) {
            if (!response.isCommitted()) {
                response.reset();
                JsonResponses.jsonRpcError(response, 503, null, -32603, "audit log unavailable; request refused");
            }
        }
    }

    private void gate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin != null && !origins.allows(origin)) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.origin", null, "ORIGIN_NOT_ALLOWED", request,
                    Map.of("origin", GateAudit.truncate(origin, 200)));
            JsonResponses.jsonRpcError(response, 403, null, -32600, "origin not allowed");
            return;
        }
        String credential = BearerTokens.from(request.getHeader("Authorization"));
        Authentication auth = authenticator.authenticate(credential);
        if (auth instanceof Authentication.Rejected rejected) {
            audit.refused(AuditEventType.AUTHENTICATION, "mcp.authenticate", null, rejected.reason().name(), request,
                    Map.of("detail", GateAudit.truncate(rejected.detail(), 300)));
            unauthorized(response, rejected);
            return;
        }
        var principal = ((Authentication.Authenticated) auth).principal();
        String agentId = principal.agent().id();
        request.setAttribute(PRINCIPAL, principal);
        request.setAttribute(CREDENTIAL, credential);
        request.setAttribute(AUTHENTICATION, auth);
        String sessionId = request.getHeader("Mcp-Session-Id");
        if (sessionId != null && !sessions.ownedBy(sessionId, principal)) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.session", agentId, "SESSION_NOT_OWNED", request, Map.of());
            JsonResponses.jsonRpcError(response, 404, null, -32600, "session not found");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            ErrorSanitizingResponse sanitized = new ErrorSanitizingResponse(response);
            chain.doFilter(request, sanitized);
            sanitized.finish();
            if ("DELETE".equals(request.getMethod()) && sessionId != null && response.getStatus() < 300) {
                sessions.unbind(sessionId);
            }
            return;
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "UNSUPPORTED_MEDIA_TYPE", request,
                    Map.of("contentType", contentType == null ? "" : GateAudit.truncate(contentType, 100)));
            JsonResponses.jsonRpcError(response, 415, null, -32600, "Content-Type must be application/json");
            return;
        }
        if (Utf8Json.declaresOtherCharset(contentType)) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "UNSUPPORTED_MEDIA_TYPE", request,
                    Map.of("contentType", GateAudit.truncate(contentType, 100)));
            JsonResponses.jsonRpcError(response, 415, null, -32600, "Content-Type must be application/json in UTF-8");
            return;
        }
        BoundedBody.Outcome read = BoundedBody.read(request, maxBodyBytes, bodyTimeout);
        if (read instanceof BoundedBody.TimedOut) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "BODY_TIMEOUT", request,
                    Map.of("timeoutMillis", bodyTimeout.toMillis()));
            response.setHeader("Connection", "close");
            JsonResponses.jsonRpcError(response, 408, null, -32600, "request body not received in time");
            return;
        }
        if (!(read instanceof BoundedBody.Read(byte[] body))) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "BODY_TOO_LARGE", request,
                    Map.of("limitBytes", maxBodyBytes));
            // The rest of the body is never read, so this connection cannot carry another request.
            response.setHeader("Connection", "close");
            JsonResponses.jsonRpcError(response, 413, null, -32600, "request body exceeds " + maxBodyBytes + " bytes");
            return;
        }
        if (Utf8Json.looksOtherwiseEncoded(body)) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "PARSE_ERROR", request,
                    Map.of("problem", "not UTF-8"));
            JsonResponses.jsonRpcError(response, 400, null, -32700, "Parse error: body is not JSON in UTF-8");
            return;
        }
        JsonNode message;
        try {
            message = MESSAGES.readTree(body);
        } catch (JsonProcessingException e) {
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId,
                    duplicate ? "DUPLICATE_MEMBER" : "PARSE_ERROR", request, Map.of());
            JsonResponses.jsonRpcError(response, 400, null, -32700, duplicate
                    ? "Parse error: an object repeats a member name" : "Parse error: body is not valid JSON");
            return;
        }
        String problem = JsonRpcShape.problem(message);
        if (problem != null) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "INVALID_REQUEST", request,
                    Map.of("problem", problem));
            JsonResponses.jsonRpcError(response, 400, JsonRpcShape.idOrNull(message), -32600, "Invalid Request: " + problem);
            return;
        }
        JsonNode method = message.get("method");
        boolean notification = method != null && !message.has("id");
        if (notification && method.asText().equals("notifications/cancelled") && sessionId != null) {
            // the session was checked above to be the caller's: only its own calls can be cancelled
            cancelled.accept(sessionId, JsonRpcShape.idText(message.path("params").path("requestId")));
        }
        if (notification && !SDK_NOTIFICATIONS.contains(method.asText())) {
            // Accepted and ignored, as the Streamable HTTP transport asks; never handed to the SDK, which would log
            // the whole message (a tools/call sent without id carries its arguments) and answer 500.
            if (method.asText().equals("tools/call")) {
                audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "NOTIFICATION_NOT_EXECUTED", request,
                        Map.of("rpcMethod", "tools/call",
                                "tool", GateAudit.truncate(message.path("params").path("name").asText(""), 100)));
            }
            response.setStatus(202);
            return;
        }
        if (method != null && !KNOWN_METHODS.contains(method.asText())
                && !FEATURE_METHODS.contains(method.asText()) && !SUBSCRIPTION_METHODS.contains(method.asText())) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.request", agentId, "METHOD_NOT_FOUND", request,
                    Map.of("rpcMethod", GateAudit.truncate(method.asText(), 100)));
            if (message.hasNonNull("id")) {
                JsonResponses.jsonRpcError(response, 200, JsonRpcShape.idOrNull(message), -32601,
                        "Method not found: " + GateAudit.truncate(method.asText(), 100));
            } else {
                response.setStatus(202);
            }
            return;
        }
        if (method != null && method.asText().equals("tools/call")) {
            request.setAttribute(dev.bulwark.server.relay.CallCancellations.RPC_ID,
                    JsonRpcShape.idText(message.path("id")));
            String tool = message.path("params").path("name").asText("");
            if (!toolExists.test(tool)) {
                Map<String, Object> details = new HashMap<>();
                details.put("tool", GateAudit.truncate(tool, 100));
                audit.refused(AuditEventType.TOOL_CALL, "unknown", agentId, "UNKNOWN_TOOL", request, details);
                // Answered here, naming the tool (bounded, control characters removed), rather than by the SDK,
                // whose message names none ("invalid_tool_name") and whose data echoes the raw name.
                JsonResponses.jsonRpcError(response, 200, JsonRpcShape.idOrNull(message), -32602,
                        "Unknown tool: " + ToolNameEcho.of(tool));
                return;
            }
        }
        boolean initialize = method != null && method.asText().equals("initialize");
        boolean laterTurn = method != null && method.asText().equals("tools/call");
        IntentHeader.Outcome intent = initialize || laterTurn ? IntentHeader.read(request, principal)
                : new IntentHeader.Outcome.Absent();
        if (laterTurn && intent instanceof IntentHeader.Outcome.Declared && sessionId == null) {
            intent = new IntentHeader.Outcome.Refused(400, "INTENT_WITHOUT_SESSION",
                    IntentHeader.NAME + " on tools/call needs the session it adds to (Mcp-Session-Id)");
        }
        if (intent instanceof IntentHeader.Outcome.Refused refused) {
            audit.refused(AuditEventType.PROTOCOL, "mcp.intent", agentId, refused.reason(), request, Map.of());
            JsonResponses.jsonRpcError(response, refused.status(), JsonRpcShape.idOrNull(message), -32600,
                    refused.message());
            return;
        }
        String declared = intent instanceof IntentHeader.Outcome.Declared d ? d.intent() : null;
        if (laterTurn && declared != null && laterTurns.isNew(sessionId, declared)) {
            // A later user turn adds to the session's intent before the call it came with is decided.
            intents.accept(sessionId, declared);
        }
        // Bind a new session the moment the SDK names it, before the answer leaves: the client may send its next
        // request on that session as soon as it has read the header.
        ErrorSanitizingResponse sanitized = new ErrorSanitizingResponse(
                initialize ? new SessionNamingResponse(response, id -> {
                    sessions.bind(id, principal);
                    if (declared != null) {
                        laterTurns.isNew(id, declared);
                        intents.accept(id, declared);
                    }
                }) : response);
        chain.doFilter(new BufferedBodyRequest(request, body), sanitized);
        // A response (to a request the gateway sent) or a notification gets no answer but 202, even when the SDK
        // had no use for it (a response to an unknown or expired id).
        sanitized.finish(method == null || notification);
    }

    private void unauthorized(HttpServletResponse response, Authentication.Rejected rejected) throws IOException {
        String error = rejected.reason() == Authentication.Reason.MISSING ? "" : ", error=\"invalid_token\"";
        response.setHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + resourceMetadataUrl + "\"" + error);
        var body = JsonResponses.object();
        body.put("error", rejected.reason() == Authentication.Reason.MISSING ? "unauthorized" : "invalid_token");
        body.put("error_description", rejected.reason().name().toLowerCase() + ": " + rejected.detail());
        JsonResponses.write(response, 401, body);
    }

}
