package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.mcp.ToolPin;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.tool.Tool;
import java.util.TreeSet;

/** JSON views of domain records for the admin API and the CLI. */
public final class Views {
    private Views() {}

    public static ObjectNode agent(Agent a) {
        ObjectNode n = JsonResponses.object();
        n.put("id", a.id()).put("owner", a.owner()).put("status", a.status().name().toLowerCase())
                .put("createdAt", a.createdAt().toString());
        new TreeSet<>(a.roles()).forEach(n.putArray("roles")::add);
        ObjectNode attrs = n.putObject("attributes");
        a.attributes().forEach(attrs::put);
        return n;
    }

    public static ObjectNode oauthClient(dev.bulwark.identity.OAuthClient c) {
        ObjectNode n = JsonResponses.object();
        n.put("clientId", c.clientId()).put("name", c.name()).put("agent", c.agentId())
                .put("createdAt", c.createdAt().toString());
        c.redirectUris().forEach(n.putArray("redirectUris")::add);
        return n;
    }

    public static ObjectNode user(User u) {
        ObjectNode n = JsonResponses.object();
        n.put("id", u.id());
        new TreeSet<>(u.roles()).forEach(n.putArray("roles")::add);
        ObjectNode attrs = n.putObject("attributes");
        u.attributes().forEach(attrs::put);
        return n;
    }

    public static ObjectNode tool(Tool t) {
        ObjectNode n = JsonResponses.object();
        n.put("name", t.name()).put("connector", t.connector()).put("kind", t.kind().label())
                .put("description", t.description());
        new TreeSet<>(t.outputLabels()).forEach(n.putArray("outputLabels")::add);
        return n;
    }

    public static ObjectNode record(AuditRecord r) {
        ObjectNode n = JsonResponses.object();
        var e = r.event();
        n.put("sequence", r.sequence()).put("time", e.time().toString()).put("type", e.type().name())
                .put("action", e.action()).put("outcome", e.outcome().name()).put("agent", e.agentId())
                .put("user", e.userId()).put("session", e.sessionId()).put("reason", e.reason())
                .put("hash", r.hash());
        n.set("details", JsonResponses.JSON.valueToTree(e.details()));
        return n;
    }

    public static ObjectNode pin(ToolPin p) {
        ObjectNode n = JsonResponses.object();
        n.put("tool", p.tool()).put("status", p.status().label()).put("approvedHash", p.approvedHash().orElse(null))
                .put("seenHash", p.seenHash()).put("seenDescription", p.seenDescription())
                .put("seenInputSchema", p.seenInputSchema())
                // task support as last seen and as approved, so a review shows a change of it
                .put("seenExecution", p.seenExecution()).put("approvedExecution", p.approvedExecution())
                .put("updatedAt", p.updatedAt().toString());
        return n;
    }
}
