package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.mcp.McpUpstreamConnector;
import dev.bulwark.identity.AgentRegistration;
import dev.bulwark.identity.IdTakenException;
import dev.bulwark.identity.IssuedToken;
import dev.bulwark.policy.PolicyLoad;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.audit.AuditVerification;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final List<Route<?>> routes = new ArrayList<>();

    AdminRoutes(Gateway gateway, Runnable toolsChanged) {
        this.gateway = gateway;
        this.toolsChanged = toolsChanged;
        get("/api/v1/agents", (m, b, r) -> Reply.ok(list(gateway.identity().agents().list().stream()
                .map(Views::agent).toList())));
        add("POST", "/api/v1/agents", AdminBodies.CreateAgent.class, this::createAgent);
        get("/api/v1/agents/" + ID, (m, b, r) -> Reply.ok(Views.agent(gateway.identity().agents()
                .find(m.group(1)).orElseThrow(() -> notFound("agent")))));
        post("/api/v1/agents/" + ID + "/suspend", (m, b, r) -> agentChanged(m, Views.agent(
                gateway.identity().agents().suspend(m.group(1)).orElseThrow(() -> notFound("agent"))),
                "agent.suspend"));
        post("/api/v1/agents/" + ID + "/activate", (m, b, r) -> agentChanged(m, Views.agent(
                gateway.identity().agents().activate(m.group(1)).orElseThrow(() -> notFound("agent"))),
                "agent.activate"));
        post("/api/v1/agents/" + ID + "/kill", (m, b, r) -> {
            if (!gateway.killSwitch().pull(m.group(1))) {
                throw notFound("agent");
            }
            return agentChanged(m, Views.agent(gateway.identity().agents().find(m.group(1))
                    .orElseThrow(() -> notFound("agent"))), "agent.kill");
        });
        routes.add(new Route<>("GET", Pattern.compile("/api/v1/anomalies"), AdminBodies.None.class,
                Set.of("limit", "agent", "kind", "since"), (m, b, r) -> Reply.ok(AnomalyViews.list(gateway.anomalies(),
                r))));
        get("/api/v1/anomalies/status", (m, b, r) -> Reply.ok(AnomalyViews.status(gateway.anomalies())));
        post("/api/v1/agents/" + ID + "/rotate-key", (m, b, r) -> agentChanged(m,
                JsonResponses.object().put("apiKey", gateway.identity().agents().rotateKey(m.group(1))
                        .orElseThrow(() -> notFound("agent")).value()), "agent.rotate-key"));
        get("/api/v1/users", (m, b, r) -> Reply.ok(list(gateway.identity().users().list().stream()
                .map(Views::user).toList())));
        add("POST", "/api/v1/users", AdminBodies.CreateUser.class, this::createUser);
        add("POST", "/api/v1/users/" + ID + "/token", AdminBodies.UserToken.class, this::userToken);
        add("POST", "/api/v1/users/" + ID + "/password", AdminBodies.SetPassword.class, this::setPassword);
        get("/api/v1/oauth/clients", (m, b, r) -> Reply.ok(list(interactive().clients().list().stream()
                .map(Views::oauthClient).toList())));
        post("/api/v1/oauth/clients/" + ID + "/delete", this::deleteClient);
        add("POST", "/api/v1/tokens/revoke", AdminBodies.RevokeToken.class, (m, b, r) -> {
            gateway.identity().revocations().revoke(b.jti());
            return new Reply(200, JsonResponses.object().put("revoked", b.jti()), "token.revoke",
                    Map.of("jti", b.jti()));
        });
        get("/api/v1/tools", (m, b, r) -> Reply.ok(list(gateway.tools().all().stream()
                .map(Views::tool).toList())));
        get("/api/v1/policies", (m, b, r) -> Reply.ok(JsonResponses.object()
                .put("count", gateway.policies().policyCount())));
        post("/api/v1/policies/reload", this::reloadPolicies);
        get("/api/v1/policies/files", (m, b, r) -> Reply.ok(PolicyViews.files(
                new dev.bulwark.server.gateway.PolicyReview(gateway.config()).files())));
        post("/api/v1/policies/validate", (m, b, r) -> Reply.ok(PolicyViews.validation(
                new dev.bulwark.server.gateway.PolicyReview(gateway.config()).validate())));
        routes.add(new Route<>("GET", Pattern.compile("/api/v1/audit"), AdminBodies.None.class, Set.of("limit"),
                (m, b, r) -> Reply.ok(list(gateway.auditLog().tail(limit(r.getParameter("limit"))).stream()
                        .map(Views::record).toList()))));
        get("/api/v1/audit/verify", (m, b, r) -> {
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
        post("/api/v1/documents/rotate-key", this::rotateDocumentKey);
        add("POST", "/api/v1/pii/restore", AdminBodies.RestorePii.class, this::restorePii);
        get("/api/v1/upstreams/" + ID + "/pins", (m, b, r) -> Reply.ok(list(upstream(m.group(1)).pins()
                .stream().map(Views::pin).toList())));
        // Tool names keep MCP's grammar, slashes included; the fixed "/approve" suffix ends the name.
        post("/api/v1/upstreams/" + ID + "/pins/" + TOOL + "/approve", (m, b, r) -> {
            var pin = upstream(m.group(1)).approve(m.group(2));
            toolsChanged.run();
            return Reply.changed(200, Views.pin(pin), "upstream.approve");
        });
    }

    Route<?> match(String method, String path) {
        for (Route<?> route : routes) {
            if (route.method().equals(method) && route.pattern().matcher(path).matches()) {
                return route;
            }
        }
        return null;
    }

    /** Every endpoint, for tests that check all of them. */
    List<Route<?>> routes() {
        return List.copyOf(routes);
    }

    private <T> void add(String method, String pattern, Class<T> body, Handler<T> handler) {
        routes.add(new Route<>(method, Pattern.compile(pattern), body, Set.of(), handler));
    }

    private void get(String pattern, Handler<AdminBodies.None> handler) {
        add("GET", pattern, AdminBodies.None.class, handler);
    }

    private void post(String pattern, Handler<AdminBodies.None> handler) {
        add("POST", pattern, AdminBodies.None.class, handler);
    }

    /** A change to one agent, audited with the principal's kind so agent and user ids never read alike. */
    private static Reply agentChanged(Matcher m, Object body, String action) {
        return new Reply(200, body, action, Map.of("target", "agent:" + m.group(1)));
    }

    private Reply createAgent(Matcher m, AdminBodies.CreateAgent b, HttpServletRequest r) {
        AgentRegistration reg;
        try {
            reg = gateway.identity().agents().register(b.id(), b.owner(), b.roles(), b.attributes());
        } catch (IdTakenException e) {
            throw conflict(e);
        }
        ObjectNode out = JsonResponses.object();
        out.set("agent", Views.agent(reg.agent()));
        out.put("apiKey", reg.apiKey().value());
        return new Reply(201, out, "agent.create", Map.of("target", "agent:" + reg.agent().id()));
    }

    private Reply createUser(Matcher m, AdminBodies.CreateUser b, HttpServletRequest r) {
        try {
            var user = gateway.identity().users().register(b.id(), b.roles(), b.attributes());
            return new Reply(201, Views.user(user), "user.create", Map.of("target", "user:" + user.id()));
        } catch (IdTakenException e) {
            throw conflict(e);
        }
    }

    /** Agents and users share one id space (checked in the database, so on every replica): a clash is a 409. */
    private static AdminError conflict(IdTakenException e) {
        return new AdminError(409, "conflict", e.getMessage());
    }

    private dev.bulwark.server.gateway.InteractiveLogin interactive() {
        return gateway.identity().oauth().orElseThrow(() -> new AdminError(404, "not_found",
                "interactive login is off (identity.oauth.enabled)"));
    }

    /** Deletes a registered client and ends every login it holds (tokens refused on their next use). */
    private Reply deleteClient(Matcher m, AdminBodies.None b, HttpServletRequest r) {
        var login = interactive();
        String clientId = m.group(1);
        if (login.clients().find(clientId).isEmpty()) {
            throw notFound("client");
        }
        int revoked = login.grants().revokeLoginsOf(clientId);
        login.clients().delete(clientId);
        return new Reply(200, JsonResponses.object().put("deleted", clientId).put("loginsRevoked", revoked),
                "oauth.client.delete", Map.of("target", "client:" + clientId, "loginsRevoked", revoked));
    }

    /** Gives a user (or replaces) the password of the interactive login page; Argon2id-hashed, never returned. */
    private Reply setPassword(Matcher m, AdminBodies.SetPassword b, HttpServletRequest r) {
        String userId = m.group(1);
        if (gateway.identity().users().find(userId).isEmpty()) {
            throw notFound("user");
        }
        try {
            gateway.identity().passwords().set(userId, b.password());
        } catch (IllegalArgumentException e) {
            throw new AdminError(400, "invalid_request", "field 'password': " + e.getMessage());
        }
        return new Reply(200, JsonResponses.object().put("user", userId).put("password", "set"), "user.password",
                Map.of("target", "user:" + userId));
    }

    private Reply userToken(Matcher m, AdminBodies.UserToken b, HttpServletRequest r) {
        String userId = m.group(1);
        if (b.mayAct() != null && gateway.identity().agents().find(b.mayAct()).isEmpty()) {
            throw new AdminError(400, "invalid_request", "field 'mayAct' names no registered agent");
        }
        IssuedToken token = gateway.identity().tokens().issueUserToken(userId, Duration.ofSeconds(b.ttlSeconds()),
                Optional.ofNullable(b.mayAct()));
        ObjectNode out = JsonResponses.object().put("token", token.value()).put("tokenId", token.tokenId())
                .put("expiresAt", token.expiresAt().toString());
        if (b.mayAct() != null) {
            out.put("mayAct", b.mayAct());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", "user:" + userId);
        details.put("tokenId", token.tokenId());
        if (b.mayAct() != null) {
            details.put("mayAct", "agent:" + b.mayAct());
        }
        return new Reply(200, out, "user.token", details);
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
