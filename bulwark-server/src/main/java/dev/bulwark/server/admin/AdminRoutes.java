package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.mcp.McpUpstreamConnector;
import dev.bulwark.identity.AgentRegistration;
import dev.bulwark.identity.IssuedToken;
import dev.bulwark.policy.PolicyLoad;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.audit.AuditVerification;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin endpoints, each a method, a path pattern and a handler. */
final class AdminRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdminRoutes.class);
    private static final String ID = "([A-Za-z0-9][A-Za-z0-9._-]{0,127})";

    /**
     * @param audited      the audit action of a change, or {@code null} for reads
     * @param auditDetails facts recorded with it besides the path (never secrets or restored values)
     */
    record Reply(int status, Object body, String audited, Map<String, Object> auditDetails) {
        Reply(int status, Object body, String audited) {
            this(status, body, audited, Map.of());
        }

        static Reply ok(Object body) {
            return new Reply(200, body, null);
        }

        static Reply changed(int status, Object body, String action) {
            return new Reply(status, body, action);
        }
    }

    interface Handler {
        Reply handle(Matcher path, JsonNode body, HttpServletRequest request);
    }

    record Route(String method, Pattern pattern, Handler handler) {
    }

    private final Gateway gateway;
    private final Runnable toolsChanged;
    private final List<Route> routes = new ArrayList<>();

    AdminRoutes(Gateway gateway, Runnable toolsChanged) {
        this.gateway = gateway;
        this.toolsChanged = toolsChanged;
        add("GET", "/api/v1/agents", (m, b, r) -> Reply.ok(list(gateway.identity().agents().list().stream()
                .map(Views::agent).toList())));
        add("POST", "/api/v1/agents", this::createAgent);
        add("GET", "/api/v1/agents/" + ID, (m, b, r) -> Reply.ok(Views.agent(gateway.identity().agents()
                .find(m.group(1)).orElseThrow(() -> notFound("agent")))));
        add("POST", "/api/v1/agents/" + ID + "/suspend", (m, b, r) -> Reply.changed(200, Views.agent(
                gateway.identity().agents().suspend(m.group(1)).orElseThrow(() -> notFound("agent"))),
                "agent.suspend"));
        add("POST", "/api/v1/agents/" + ID + "/activate", (m, b, r) -> Reply.changed(200, Views.agent(
                gateway.identity().agents().activate(m.group(1)).orElseThrow(() -> notFound("agent"))),
                "agent.activate"));
        add("POST", "/api/v1/agents/" + ID + "/rotate-key", (m, b, r) -> Reply.changed(200,
                JsonResponses.object().put("apiKey", gateway.identity().agents().rotateKey(m.group(1))
                        .orElseThrow(() -> notFound("agent")).value()), "agent.rotate-key"));
        add("GET", "/api/v1/users", (m, b, r) -> Reply.ok(list(gateway.identity().users().list().stream()
                .map(Views::user).toList())));
        add("POST", "/api/v1/users", (m, b, r) -> Reply.changed(201, Views.user(gateway.identity().users()
                .register(text(b, "id"), strings(b, "roles"), attributes(b))), "user.create"));
        add("POST", "/api/v1/users/" + ID + "/token", this::userToken);
        add("POST", "/api/v1/tokens/revoke", (m, b, r) -> {
            gateway.identity().revocations().revoke(text(b, "jti"));
            return Reply.changed(200, JsonResponses.object().put("revoked", text(b, "jti")), "token.revoke");
        });
        add("GET", "/api/v1/tools", (m, b, r) -> Reply.ok(list(gateway.tools().all().stream()
                .map(Views::tool).toList())));
        add("GET", "/api/v1/policies", (m, b, r) -> Reply.ok(JsonResponses.object()
                .put("count", gateway.policies().policyCount())));
        add("POST", "/api/v1/policies/reload", this::reloadPolicies);
        add("GET", "/api/v1/audit", (m, b, r) -> Reply.ok(list(gateway.auditLog()
                .tail(limit(r.getParameter("limit"))).stream().map(Views::record).toList())));
        add("GET", "/api/v1/audit/verify", (m, b, r) -> {
            AuditVerification v = gateway.auditLog().verify();
            ObjectNode n = JsonResponses.object().put("intact", v.intact());
            if (v instanceof AuditVerification.Broken broken) {
                n.put("sequence", broken.sequence()).put("problem", broken.problem());
            } else if (v instanceof AuditVerification.Intact ok) {
                n.put("records", ok.records()).put("checkpoints", ok.checkpoints());
            }
            return Reply.ok(n);
        });
        add("POST", "/api/v1/documents/rotate-key", this::rotateDocumentKey);
        add("POST", "/api/v1/pii/restore", this::restorePii);
        add("GET", "/api/v1/upstreams/" + ID + "/pins", (m, b, r) -> Reply.ok(list(upstream(m.group(1)).pins()
                .stream().map(Views::pin).toList())));
        add("POST", "/api/v1/upstreams/" + ID + "/pins/([A-Za-z0-9_.-]{1,200})/approve", (m, b, r) -> {
            var pin = upstream(m.group(1)).approve(m.group(2));
            toolsChanged.run();
            return Reply.changed(200, Views.pin(pin), "upstream.approve");
        });
    }

    Route match(String method, String path) {
        for (Route route : routes) {
            if (route.method().equals(method) && route.pattern().matcher(path).matches()) {
                return route;
            }
        }
        return null;
    }

    private void add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pattern), handler));
    }

    private Reply createAgent(Matcher m, JsonNode b, HttpServletRequest r) {
        String id = text(b, "id");
        if (gateway.identity().agents().find(id).isPresent()) {
            throw new AdminError(409, "conflict", "agent " + id + " exists");
        }
        AgentRegistration reg = gateway.identity().agents().register(id, text(b, "owner"), strings(b, "roles"),
                attributes(b));
        ObjectNode out = JsonResponses.object();
        out.set("agent", Views.agent(reg.agent()));
        out.put("apiKey", reg.apiKey().value());
        return Reply.changed(201, out, "agent.create");
    }

    private Reply userToken(Matcher m, JsonNode b, HttpServletRequest r) {
        long ttl = b.path("ttlSeconds").asLong(3600);
        IssuedToken token = gateway.identity().tokens().issueUserToken(m.group(1), Duration.ofSeconds(ttl));
        return Reply.changed(200, JsonResponses.object().put("token", token.value()).put("tokenId", token.tokenId())
                .put("expiresAt", token.expiresAt().toString()), "user.token");
    }

    private Reply reloadPolicies(Matcher m, JsonNode b, HttpServletRequest r) {
        PolicyLoad load = gateway.policies().reload();
        if (load instanceof PolicyLoad.Rejected rejected) {
            ArrayNode problems = AdminApiServlet.array();
            rejected.problems().forEach(p -> problems.add(JsonResponses.object().put("file", p.file().toString())
                    .put("line", p.line()).put("column", p.column()).put("message", p.message())));
            ObjectNode out = JsonResponses.object().put("loaded", false);
            out.set("problems", problems);
            return new Reply(422, out, null);
        }
        PolicyLoad.Loaded loaded = (PolicyLoad.Loaded) load;
        ArrayNode warnings = AdminApiServlet.array();
        java.util.stream.Stream.concat(loaded.warnings().stream(),
                gateway.policies().unknownResources(gateway.tools().all()).stream())
                .forEach(p -> warnings.add(JsonResponses.object().put("file", p.file().toString())
                        .put("line", p.line()).put("column", p.column()).put("message", p.message())));
        ObjectNode out = JsonResponses.object().put("loaded", true).put("count", loaded.policyCount());
        out.set("warnings", warnings);
        return Reply.changed(200, out, "policy.reload");
    }

    private Reply rotateDocumentKey(Matcher m, JsonNode b, HttpServletRequest r) {
        if (gateway.documents() == null) {
            throw new AdminError(404, "not_found", "documents are disabled in the configuration");
        }
        try {
            int keyId = gateway.documents().store().rotateKey();
            var report = gateway.documents().store().reencrypt();
            ObjectNode out = JsonResponses.object().put("primaryKeyId", keyId)
                    .put("rewritten", report.rewritten()).put("unchanged", report.unchanged());
            report.failed().forEach(out.putArray("failed")::add);
            return Reply.changed(200, out, "document.rotate-key");
        } catch (java.io.IOException e) {
            throw new AdminError(503, "storage_failed", "key rotation failed: " + e.getMessage());
        }
    }

    /**
     * Restores a tokenized value for an administrator: the vault checks the grant (the configured restore role, any
     * session), and the audit records who asked, for which token and why, never the value.
     */
    private Reply restorePii(Matcher m, JsonNode b, HttpServletRequest r) {
        var guards = gateway.guards();
        if (guards.vault() == null) {
            throw new AdminError(404, "not_found", "PII guards are disabled in the configuration");
        }
        String token = text(b, "token");
        String reason = text(b, "reason");
        try {
            String value = guards.vault().restore(token, new dev.bulwark.guards.action.RestoreAuthorisation(
                    "admin", java.util.Set.of(guards.restoreRole()), "*", reason));
            return new Reply(200, JsonResponses.object().put("token", token).put("value", value), "pii.restore",
                    Map.of("token", token, "reason", reason));
        } catch (dev.bulwark.guards.action.RestoreDeniedException e) {
            throw new AdminError(404, "not_found", "no such token, or it may not be restored");
        } catch (IllegalStateException e) {
            // Database down or a vault row that does not decrypt: nothing is restored, and the cause stays in the log.
            LOG.warn("PII restore failed: {}", e.toString());
            throw new AdminError(503, "vault_unavailable", "the token vault could not restore this token");
        }
    }

    private McpUpstreamConnector upstream(String name) {
        return gateway.upstreams().find(name).orElseThrow(() -> notFound("upstream"));
    }

    private static AdminError notFound(String what) {
        return new AdminError(404, "not_found", "no such " + what);
    }

    private static ArrayNode list(List<ObjectNode> nodes) {
        ArrayNode a = AdminApiServlet.array();
        nodes.forEach(a::add);
        return a;
    }

    private static int limit(String value) {
        if (value == null) {
            return 50;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > 10_000) {
                throw new AdminError(400, "invalid_request", "limit must be between 1 and 10000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new AdminError(400, "invalid_request", "limit must be a number");
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new AdminError(400, "invalid_request", field + " (a non-empty string) is required");
        }
        return n.asText();
    }

    static Set<String> strings(JsonNode body, String field) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new AdminError(400, "invalid_request", field + " must be an array of strings");
        }
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw new AdminError(400, "invalid_request", field + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    static Map<String, String> attributes(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = body.get("attributes");
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new AdminError(400, "invalid_request", "attributes must be an object of strings");
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new AdminError(400, "invalid_request", "attribute " + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
