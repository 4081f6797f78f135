package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.gateway.AdminToken;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.http.BearerTokens;
import dev.bulwark.server.http.GateAudit;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Routes admin requests. Authentication comes first; a wrong token gets 401 and an audit record. Handlers answer
 * with a status and a JSON body, or throw {@link AdminError} for a clear client error.
 */
public final class AdminApiServlet extends HttpServlet {
    private static final int MAX_BODY = 64 * 1024;
    private final transient AdminToken adminToken;
    private final transient GateAudit audit;
    private final transient AdminRoutes routes;
    private final String openApi;
    private final transient DocumentsApi documents;

    public AdminApiServlet(Gateway gateway, AdminToken adminToken, GateAudit audit, Runnable toolsChanged) {
        this.adminToken = adminToken;
        this.audit = audit;
        this.routes = new AdminRoutes(gateway, toolsChanged);
        this.openApi = readOpenApi();
        this.documents = new DocumentsApi(gateway, audit);
    }

    /** The API description is public: it names endpoints, never data. */
    private static String readOpenApi() {
        try (InputStream in = AdminApiServlet.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.json is missing from the build");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read api/openapi.json", e);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals("/api/v1/openapi.json") && "GET".equals(request.getMethod())) {
            JsonResponses.write(response, 200, openApi);
            return;
        }
        try {
            if (!adminToken.matches(BearerTokens.from(request.getHeader("Authorization")))) {
                audit.refused(AuditEventType.ADMIN, "admin.authenticate", null, "BAD_ADMIN_TOKEN", request, Map.of());
                response.setHeader("WWW-Authenticate", "Bearer realm=\"bulwark-admin\"");
                JsonResponses.write(response, 401, error("unauthorized", "admin token required"));
                return;
            }
            if (path.equals("/api/v1/documents") && "POST".equals(request.getMethod())) {
                QueryParameters.requireOnly(request.getQueryString(), java.util.Set.of());
                JsonResponses.write(response, 200, documents.ingest(request));
                return;
            }
            AdminRoutes.Route<?> route = routes.match(request.getMethod(), path);
            if (route == null) {
                JsonResponses.write(response, 404, error("not_found", "no such admin endpoint"));
                return;
            }
            QueryParameters.requireOnly(request.getQueryString(), route.queryParams());
            byte[] body = readBody(request);
            Matcher m = route.pattern().matcher(path);
            if (!m.matches()) {
                throw new IllegalStateException("route matched then failed: " + path);
            }
            AdminRoutes.Reply reply = route.handle(m, body, request);
            if (reply.audited() != null) {
                Map<String, Object> details = new java.util.LinkedHashMap<>(reply.auditDetails());
                details.put("path", path);
                audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.ADMIN, reply.audited(),
                        Outcome.SUCCEEDED, null, null, null, "", details));
            }
            JsonResponses.write(response, reply.status(), reply.body());
        } catch (AdminError e) {
            JsonResponses.write(response, e.status(), error(e.code(), e.getMessage()));
        } catch (AuditException e) {
            JsonResponses.write(response, 503, error("audit_unavailable", "audit log unavailable; nothing changed was confirmed"));
        } catch (IllegalArgumentException e) {
            JsonResponses.write(response, 400, error("invalid_request", e.getMessage()));
        }
    }

    /** The raw body of a POST or PUT (other methods carry none); its JSON is read strictly by the route. */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        if (!"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod())) {
            return new byte[0];
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new AdminError(413, "too_large", "request body exceeds " + MAX_BODY + " bytes");
            }
            String type = request.getContentType();
            if (bytes.length > 0 && (type == null || !type.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/json"))) {
                throw new AdminError(415, "unsupported_media_type", "Content-Type must be application/json");
            }
            return bytes;
        }
    }

    static ObjectNode error(String code, String message) {
        return JsonResponses.object().put("error", code).put("message", message);
    }

    static ArrayNode array() {
        return JsonResponses.JSON.createArrayNode();
    }
}
