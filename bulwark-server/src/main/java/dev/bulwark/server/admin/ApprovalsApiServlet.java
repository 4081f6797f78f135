package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bulwark.server.gateway.AdminToken;
import dev.bulwark.server.gateway.ApprovalDesk;
import dev.bulwark.server.http.BearerTokens;
import dev.bulwark.server.http.GateAudit;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.approval.ApprovalDecision;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Outcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The approval endpoints under {@code /api/v1/approvals}. Two kinds of caller: an approver (a user with the
 * {@code approver} role, by their approver key) may list, show, approve and deny; the admin token may list, show and
 * deny, and issue approver keys, but never approve. Anything else, agent tokens included, is 401. Every decision and
 * every refused decision is audited with who asked.
 */
public final class ApprovalsApiServlet extends HttpServlet {
    private static final int MAX_BODY = 16 * 1024;
    private static final String ID = "([A-Za-z0-9][A-Za-z0-9_-]{7,63})";
    private static final Pattern ONE = Pattern.compile("/api/v1/approvals/" + ID);
    private static final Pattern DECIDE = Pattern.compile("/api/v1/approvals/" + ID + "/(approve|deny)");
    private static final Pattern KEY = Pattern.compile("/api/v1/approvals/approver-keys/([A-Za-z0-9][A-Za-z0-9._-]{0,127})");

    private final transient ApprovalDesk desk;
    private final transient AdminToken adminToken;
    private final transient GateAudit audit;

    public ApprovalsApiServlet(ApprovalDesk desk, AdminToken adminToken, GateAudit audit) {
        this.desk = desk;
        this.adminToken = adminToken;
        this.audit = audit;
    }

    /** Who is asking: the admin, or a human approver by user id. */
    private record Caller(String id, boolean admin) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        String method = request.getMethod();
        try {
            Optional<Caller> caller = authenticate(request);
            if (caller.isEmpty()) {
                audit.refused(AuditEventType.ADMIN, "approval.authenticate", null, "BAD_APPROVER_CREDENTIAL",
                        request, Map.of());
                response.setHeader("WWW-Authenticate", "Bearer realm=\"bulwark-approvals\"");
                JsonResponses.write(response, 401, AdminApiServlet.error("unauthorized",
                        "an approver key (or the admin token) is required"));
                return;
            }
            Caller who = caller.get();
            Matcher m;
            if (method.equals("GET") && path.equals("/api/v1/approvals")) {
                QueryParameters.requireOnly(request.getQueryString(), Set.of("state", "limit"));
                StrictJson.read(readBody(request), AdminBodies.None.class);
                Optional<ApprovalState> state = state(request.getParameter("state"));
                ArrayNode out = AdminApiServlet.array();
                desk.list(state, limit(request.getParameter("limit")))
                        .forEach(r -> out.add(ApprovalViews.request(r, desk.clock().instant())));
                JsonResponses.write(response, 200, out);
            } else if (method.equals("GET") && (m = ONE.matcher(path)).matches()) {
                QueryParameters.requireOnly(request.getQueryString(), Set.of());
                var found = desk.find(m.group(1)).orElseThrow(() -> new AdminError(404, "not_found",
                        "no such approval request"));
                JsonResponses.write(response, 200, ApprovalViews.request(found, desk.clock().instant()));
            } else if (method.equals("POST") && (m = DECIDE.matcher(path)).matches()) {
                QueryParameters.requireOnly(request.getQueryString(), Set.of());
                decide(m.group(1), m.group(2), who, readBody(request), request, response);
            } else if (method.equals("POST") && (m = KEY.matcher(path)).matches()) {
                QueryParameters.requireOnly(request.getQueryString(), Set.of());
                StrictJson.read(readBody(request), AdminBodies.None.class);
                if (!who.admin()) {
                    throw new AdminError(403, "forbidden", "only the admin token issues approver keys");
                }
                String key = desk.issueKey(m.group(1));
                appendEvent("approval.issue-key", Outcome.SUCCEEDED, null, Map.of("target", "user:" + m.group(1)));
                JsonResponses.write(response, 200, JsonResponses.object().put("userId", m.group(1))
                        .put("approverKey", key));
            } else {
                JsonResponses.write(response, 404, AdminApiServlet.error("not_found", "no such approval endpoint"));
            }
        } catch (AdminError e) {
            JsonResponses.write(response, e.status(), AdminApiServlet.error(e.code(), e.getMessage()));
        } catch (AuditException e) {
            JsonResponses.write(response, 503, AdminApiServlet.error("audit_unavailable",
                    "audit log unavailable; nothing changed was confirmed"));
        } catch (IllegalArgumentException e) {
            JsonResponses.write(response, 400, AdminApiServlet.error("invalid_request", e.getMessage()));
        }
    }

    private Optional<Caller> authenticate(HttpServletRequest request) {
        String presented = BearerTokens.from(request.getHeader("Authorization"));
        if (presented == null) {
            return Optional.empty();
        }
        if (adminToken.matches(presented)) {
            return Optional.of(new Caller(ApprovalDesk.ADMIN, true));
        }
        return desk.approverFor(presented).map(user -> new Caller(user, false));
    }

    private void decide(String id, String verb, Caller who, byte[] body, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        ApprovalDecision decision;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("approvalId", id);
        details.put("by", who.admin() ? "admin" : "user:" + who.id());
        if (verb.equals("approve")) {
            StrictJson.read(body, AdminBodies.None.class);
            decision = who.admin()
                    ? new ApprovalDecision.Refused(ApprovalDecision.Reason.NOT_ALLOWED,
                            "the admin token cannot approve: an approval must name a human approver")
                    : desk.approve(id, who.id());
        } else {
            AdminBodies.DenyApproval deny = StrictJson.read(body, AdminBodies.DenyApproval.class);
            details.put("reason", deny.reason());
            decision = desk.deny(id, who.id(), deny.reason());
        }
        String action = "approval." + verb;
        String userId = who.admin() ? null : who.id();
        if (decision instanceof ApprovalDecision.Recorded recorded) {
            details.put("state", recorded.request().state().label());
            details.put("tool", recorded.request().tool());
            details.put("approvers", recorded.request().approvers());
            appendEvent(action, Outcome.SUCCEEDED, userId, details);
            JsonResponses.write(response, 200, ApprovalViews.request(recorded.request(), desk.clock().instant()));
            return;
        }
        ApprovalDecision.Refused refused = (ApprovalDecision.Refused) decision;
        details.put("refused", refused.reason().name());
        appendEvent(action, Outcome.DENIED, userId, details);
        int status = switch (refused.reason()) {
            case NOT_FOUND -> 404;
            case NOT_ALLOWED -> 403;
            case NOT_PENDING, EXPIRED -> 409;
        };
        JsonResponses.write(response, status, AdminApiServlet.error(
                refused.reason().name().toLowerCase(Locale.ROOT), refused.detail()));
    }

    private void appendEvent(String action, Outcome outcome, String userId, Map<String, Object> details) {
        audit.append(new AuditEvent(audit.clock().instant(), AuditEventType.ADMIN, action, outcome, null, userId,
                null, outcome == Outcome.SUCCEEDED ? "" : String.valueOf(details.get("refused")), details));
    }

    private static Optional<ApprovalState> state(String value) {
        if (value == null || value.equals("all")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApprovalState.fromLabel(value));
        } catch (IllegalArgumentException e) {
            throw new AdminError(400, "invalid_request",
                    "query parameter 'state' must be pending, approved, denied, expired, consumed or all");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return 100;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 1000) {
            throw new AdminError(400, "invalid_request", "query parameter 'limit' must be an integer from 1 to 1000");
        }
        return Integer.parseInt(value);
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            return new byte[0];
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new AdminError(413, "too_large", "request body exceeds " + MAX_BODY + " bytes");
            }
            String type = request.getContentType();
            if (bytes.length > 0 && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
                throw new AdminError(415, "unsupported_media_type", "Content-Type must be application/json");
            }
            return bytes;
        }
    }
}
