package dev.bulwark.server.http;

import dev.bulwark.identity.TokenEndpoint;
import dev.bulwark.identity.TokenResponse;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 token endpoint ({@code client_credentials}, RFC 8693 token exchange). Every issuance and refusal is
 * audited, by agent id and token id, never with the secret or the token.
 */
public final class TokenServlet extends HttpServlet {
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private final transient TokenEndpoint tokens;
    private final transient GateAudit audit;

    public TokenServlet(TokenEndpoint tokens, GateAudit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            audit.refused(AuditEventType.AUTHENTICATION, "token.issue", null, "invalid_request", request,
                    Map.of("problem", "content type"));
            oauthError(response, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
            return;
        }
        if (request.getContentLengthLong() > MAX_FORM_BYTES) {
            audit.refused(AuditEventType.AUTHENTICATION, "token.issue", null, "invalid_request", request,
                    Map.of("problem", "body too large"));
            oauthError(response, 413, "invalid_request", "request too large");
            return;
        }
        TokenResponse result = tokens.handle(request.getParameterMap(), request.getHeader("Authorization"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("grantType", GateAudit.truncate(String.valueOf(request.getParameter("grant_type")), 80));
        details.put("remote", request.getRemoteAddr());
        switch (result) {
            case TokenResponse.Issued issued -> {
                details.put("tokenId", issued.token().tokenId());
                details.put("expiresAt", issued.expiresAt().toString());
                audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.AUTHENTICATION, "token.issue",
                        Outcome.SUCCEEDED, issued.agentId().orElse(null), issued.userId().orElse(null), null, "",
                        details));
            }
            case TokenResponse.Failed failed -> {
                details.put("detail", failed.auditReason());
                audit.refused(AuditEventType.AUTHENTICATION, "token.issue", failed.agentId().orElse(null),
                        failed.error().code(), request, details);
            }
        }
        response.setHeader("Pragma", "no-cache");
        if (result.httpStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"bulwark\"");
        }
        JsonResponses.write(response, result.httpStatus(), result.toJson());
    }

    private static void oauthError(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        JsonResponses.write(response, status, JsonResponses.object().put("error", error)
                .put("error_description", description));
    }
}
