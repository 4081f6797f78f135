package dev.bulwark.server.http;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text exposition. Unless it is served open (only on a separate listener), a
 * scrape must present the admin token as a bearer token: metrics name tools, policies and agents' activity. A wrong
 * token gets 401 and an audit record, like the admin API.
 */
public final class MetricsServlet extends HttpServlet {
    private final transient Supplier<Optional<String>> scrape;
    private final transient Predicate<String> tokenMatches;
    private final transient GateAudit audit;
    private final String contentType;

    /**
     * @param tokenMatches checks a presented bearer token; {@code null} serves without a credential
     * @param audit        records refused scrapes; may be {@code null} only when {@code tokenMatches} is
     */
    public MetricsServlet(Supplier<Optional<String>> scrape, String contentType, Predicate<String> tokenMatches,
                          GateAudit audit) {
        this.scrape = scrape;
        this.contentType = contentType;
        this.tokenMatches = tokenMatches;
        this.audit = audit;
        if (tokenMatches != null && audit == null) {
            throw new IllegalArgumentException("an authenticated metrics endpoint audits refusals");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (tokenMatches != null && !tokenMatches.test(BearerTokens.from(request.getHeader("Authorization")))) {
            try {
                audit.refused(AuditEventType.ADMIN, "metrics.authenticate", null, "BAD_ADMIN_TOKEN", request,
                        Map.of());
            } catch (AuditException e) {
                JsonResponses.write(response, 503, JsonResponses.object().put("error", "audit unavailable"));
                return;
            }
            response.setHeader("WWW-Authenticate", "Bearer realm=\"bulwark-metrics\"");
            JsonResponses.write(response, 401, JsonResponses.object().put("error", "unauthorized")
                    .put("message", "admin token required"));
            return;
        }
        Optional<String> text = scrape.get();
        if (text.isEmpty()) {
            JsonResponses.write(response, 404, JsonResponses.object().put("error", "metrics are disabled"));
            return;
        }
        byte[] body = text.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
