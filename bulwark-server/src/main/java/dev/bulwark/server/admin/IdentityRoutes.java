package dev.bulwark.server.admin;

import static dev.bulwark.server.admin.AdminRoutes.list;
import static dev.bulwark.server.admin.AdminRoutes.notFound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.identity.AgentRegistration;
import dev.bulwark.identity.IdTakenException;
import dev.bulwark.identity.IssuedToken;
import dev.bulwark.server.admin.AdminRoutes.Reply;
import dev.bulwark.server.admin.AdminRoutes.Route;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.http.JsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The admin endpoints of identities: agents (register, suspend, activate, kill, rotate their key), users (register,
 * user tokens, passwords), the interactive login's OAuth clients and token revocation.
 */
final class IdentityRoutes {
    private static final String ID = AdminRoutes.ID;
    private final Gateway gateway;
    private final RouteList routes = new RouteList();

    private IdentityRoutes(Gateway gateway) {
        this.gateway = gateway;
        routes.get("/api/v1/agents", (m, b, r) -> Reply.ok(list(gateway.identity().agents().list().stream()
                .map(Views::agent).toList())));
        routes.add("POST", "/api/v1/agents", AdminBodies.CreateAgent.class, this::createAgent);
        routes.get("/api/v1/agents/" + ID, (m, b, r) -> Reply.ok(Views.agent(gateway.identity().agents()
                .find(m.group(1)).orElseThrow(() -> notFound("agent")))));
        routes.post("/api/v1/agents/" + ID + "/suspend", (m, b, r) -> {
            Object agent = Views.agent(gateway.identity().agents().suspend(m.group(1))
                    .orElseThrow(() -> notFound("agent")));
            // like the kill switch: nothing approved while the agent was trusted runs after it is re-activated
            gateway.approvals().withdrawAllOf(m.group(1), dev.bulwark.server.gateway.Approvals.SUSPENSION,
                    "the agent was suspended", gateway.auditLog(), gateway.clock());
            return agentChanged(m, agent, "agent.suspend");
        });
        routes.post("/api/v1/agents/" + ID + "/activate", (m, b, r) -> agentChanged(m, Views.agent(
                gateway.identity().agents().activate(m.group(1)).orElseThrow(() -> notFound("agent"))),
                "agent.activate"));
        routes.post("/api/v1/agents/" + ID + "/kill", (m, b, r) -> {
            if (!gateway.killSwitch().pull(m.group(1))) {
                throw notFound("agent");
            }
            return agentChanged(m, Views.agent(gateway.identity().agents().find(m.group(1))
                    .orElseThrow(() -> notFound("agent"))), "agent.kill");
        });
        routes.post("/api/v1/agents/" + ID + "/rotate-key", (m, b, r) -> agentChanged(m,
                JsonResponses.object().put("apiKey", gateway.identity().agents().rotateKey(m.group(1))
                        .orElseThrow(() -> notFound("agent")).value()), "agent.rotate-key"));
        routes.get("/api/v1/users", (m, b, r) -> Reply.ok(list(gateway.identity().users().list().stream()
                .map(Views::user).toList())));
        routes.add("POST", "/api/v1/users", AdminBodies.CreateUser.class, this::createUser);
        routes.add("POST", "/api/v1/users/" + ID + "/token", AdminBodies.UserToken.class, this::userToken);
        routes.add("POST", "/api/v1/users/" + ID + "/password", AdminBodies.SetPassword.class, this::setPassword);
        routes.get("/api/v1/oauth/clients", (m, b, r) -> Reply.ok(list(interactive().clients().list().stream()
                .map(Views::oauthClient).toList())));
        routes.post("/api/v1/oauth/clients/" + ID + "/delete", this::deleteClient);
        routes.add("POST", "/api/v1/tokens/revoke", AdminBodies.RevokeToken.class, (m, b, r) -> {
            gateway.identity().revocations().revoke(b.jti());
            return new Reply(200, JsonResponses.object().put("revoked", b.jti()), "token.revoke",
                    Map.of("jti", b.jti()));
        });
    }

    static List<Route<?>> of(Gateway gateway) {
        return new IdentityRoutes(gateway).routes.all();
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
}
