package dev.bulwark.server.http;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Refuses, before anything else (authentication included), requests addressed to a host the gateway does not
 * answer for ({@link HostPolicy}): 421 Misdirected Request, audited. {@code /healthz} is exempt.
 */
public final class HostGate implements Filter {
    private final HostPolicy hosts;
    private final GateAudit audit;

    public HostGate(HostPolicy hosts, GateAudit audit) {
        this.hosts = hosts;
        this.audit = audit;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        // Health probes address the replica by its IP (a load balancer's or orchestrator's), and the answer says
        // nothing a rebinding page could use.
        if ("/healthz".equals(request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        String host = request.getHeader("Host");
        // HTTP/1.0 may omit Host: the request is then addressed to the interface it arrived on.
        if (hosts.allows(host != null ? host : request.getServerName())) {
            chain.doFilter(req, res);
            return;
        }
        try {
            audit.refused(AuditEventType.PROTOCOL, "http.host", null, "HOST_NOT_ALLOWED", request,
                    Map.of("host", GateAudit.truncate(String.valueOf(host), 200)));
        } catch (AuditException e) {
            JsonResponses.jsonRpcError(response, 503, null, -32603, "audit log unavailable; request refused");
            return;
        }
        JsonResponses.jsonRpcError(response, 421, null, -32600, "misdirected request: host not served here");
    }
}
