package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.mcp.McpUpstreamConnector;
import dev.bulwark.policy.PolicyLoad;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.audit.AuditVerification;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin endpoints, each a method, a path pattern and a handler. */
final class AdminRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdminRoutes.class);
    static final String ID = "([A-Za-z0-9][A-Za-z0-9._-]{0,127})";

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

    interface Handler<T> {
        Reply handle(Matcher path, T body, HttpServletRequest request);
    }

    /**
     * One endpoint.
     *
     * @param bodyType    the record its body is read into by {@link StrictJson}; {@link AdminBodies.None} when it takes
     *                    none
     * @param queryParams the query parameters it accepts; any other is refused
     */
    record Route<T>(String method, Pattern pattern, Class<T> bodyType, Set<String> queryParams, Handler<T> handler) {
        Reply handle(Matcher path, byte[] body, HttpServletRequest request) {
            return handler.handle(path, StrictJson.read(body, bodyType), request);
        }

        /** The path with each capture group shown as {@code {id}}: how tests and errors name the route. */
        String template() {
            return pattern.pattern().replace(ID, "{id}").replace(TOOL, "{tool}");
        }
    }

    /** A namespaced tool name: MCP's grammar, slashes included; a route's fixed suffix ends it. */
    private static final String TOOL = "([A-Za-z0-9_./-]{1,200})";
    private final Gateway gateway;
    private final Runnable toolsChanged;
    private final RouteList routes = new RouteList();

    AdminRoutes(Gateway gateway, Runnable toolsChanged) {
        this.gateway = gateway;
        this.toolsChanged = toolsChanged;
        routes.addAll(IdentityRoutes.of(gateway));
        routes.add(new Route<>("GET", Pattern.compile("/api/v1/anomalies"), AdminBodies.None.class,
                Set.of("limit", "agent", "kind", "since"), (m, b, r) -> Reply.ok(AnomalyViews.list(gateway.anomalies(),
                r))));
        routes.get("/api/v1/anomalies/status", (m, b, r) -> Reply.ok(AnomalyViews.status(gateway.anomalies())));
        routes.get("/api/v1/tools", (m, b, r) -> Reply.ok(list(gateway.tools().all().stream()
                .map(Views::tool).toList())));
        routes.get("/api/v1/policies", (m, b, r) -> Reply.ok(JsonResponses.object()
                .put("count", gateway.policies().policyCount())));
        routes.post("/api/v1/policies/reload", this::reloadPolicies);
        routes.get("/api/v1/policies/files", (m, b, r) -> Reply.ok(PolicyViews.files(
                new dev.bulwark.server.gateway.PolicyReview(gateway.config()).files())));
        routes.post("/api/v1/policies/validate", (m, b, r) -> Reply.ok(PolicyViews.validation(
                new dev.bulwark.server.gateway.PolicyReview(gateway.config()).validate())));
        routes.add(new Route<>("GET", Pattern.compile("/api/v1/audit"), AdminBodies.None.class, Set.of("limit"),
                (m, b, r) -> Reply.ok(list(gateway.auditLog().tail(limit(r.getParameter("limit"))).stream()
                        .map(Views::record).toList()))));
        routes.get("/api/v1/audit/verify", (m, b, r) -> {
            AuditVerification v = gateway.auditLog().verify();
            ObjectNode n = JsonResponses.object().put("intact", v.intact());
            if (v instanceof AuditVerification.Broken broken) {
                n.put("sequence", broken.sequence()).put("problem", broken.problem());
            } else if (v instanceof AuditVerification.Intact ok) {
                n.put("records", ok.records()).put("checkpoints", ok.checkpoints());
            }
            var witnesses = n.putArray("witnesses"); // a witness behind means records not anchored outside the database
            gateway.auditLog().witnesses().forEach(w -> witnesses.addObject().put("witness", w.witness())
                    .put("anchoredUpTo", w.published()).put("behind", w.behind())
                    .put("lastError", w.lastError().orElse(null)));
            return Reply.ok(n);
        });
        routes.addAll(WhatIfRoutes.of(gateway));
        routes.post("/api/v1/documents/rotate-key", this::rotateDocumentKey);
        routes.add("POST", "/api/v1/pii/restore", AdminBodies.RestorePii.class, this::restorePii);
        routes.get("/api/v1/upstreams/" + ID + "/pins", (m, b, r) -> Reply.ok(list(upstream(m.group(1)).pins()
                .stream().map(Views::pin).toList())));
        // Tool names keep MCP's grammar, slashes included; the fixed "/approve" suffix ends the name.
        routes.post("/api/v1/upstreams/" + ID + "/pins/" + TOOL + "/approve", (m, b, r) -> {
            var pin = upstream(m.group(1)).approve(m.group(2));
            toolsChanged.run();
            return Reply.changed(200, Views.pin(pin), "upstream.approve");
        });
    }

    Route<?> match(String method, String path) {
        return routes.match(method, path);
    }

    /** Every endpoint, for tests that check all of them. */
    List<Route<?>> routes() {
        return routes.all();
    }

    private Reply reloadPolicies(Matcher m, AdminBodies.None b, HttpServletRequest r) {
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

    private Reply rotateDocumentKey(Matcher m, AdminBodies.None b, HttpServletRequest r) {
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
    private Reply restorePii(Matcher m, AdminBodies.RestorePii b, HttpServletRequest r) {
        var guards = gateway.guards();
        if (guards.vault() == null) {
            throw new AdminError(404, "not_found", "PII guards are disabled in the configuration");
        }
        String token = b.token();
        String reason = b.reason();
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

    static AdminError notFound(String what) {
        return new AdminError(404, "not_found", "no such " + what);
    }

    static ArrayNode list(List<ObjectNode> nodes) {
        ArrayNode a = AdminApiServlet.array();
        nodes.forEach(a::add);
        return a;
    }

    private static int limit(String value) {
        if (value == null) {
            return 50;
        }
        if (!value.matches("[0-9]{1,9}")) {
            throw new AdminError(400, "invalid_request", "query parameter 'limit' must be an integer from 1 to 10000");
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
}
