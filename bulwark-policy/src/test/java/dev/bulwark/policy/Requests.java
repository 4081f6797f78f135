package dev.bulwark.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds SPI requests for tests, from code or from a {@code request.json} file. */
final class Requests {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant MONDAY_NOON = Instant.parse("2026-01-05T12:00:00Z");

    private Requests() {
    }

    static Agent agent(String id, String... roles) {
        return new Agent(id, "owner@example.com", Set.of(roles), Map.of(), AgentStatus.ACTIVE, MONDAY_NOON);
    }

    static User user(String id, String... roles) {
        return new User(id, Set.of(roles), Map.of());
    }

    static Principal principal(Agent agent) {
        return new Principal(agent, Optional.empty(), "tok-1", Set.of(), MONDAY_NOON.plusSeconds(600));
    }

    static Principal principal(Agent agent, User user) {
        return new Principal(agent, Optional.of(user), "tok-1", Set.of(), MONDAY_NOON.plusSeconds(600));
    }

    static Tool tool(String name, ToolKind kind, String... labels) {
        return new Tool(name, "test tool", "{\"type\":\"object\"}", kind, name.substring(0, name.indexOf('.')),
                Set.of(labels));
    }

    static DecisionRequest request(Principal principal, Tool tool, Map<String, Object> arguments) {
        return new DecisionRequest(principal, tool, arguments, SessionFacts.fresh("s-1", MONDAY_NOON), MONDAY_NOON);
    }

    @SuppressWarnings("unchecked")
    static DecisionRequest fromJson(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode a = root.path("agent");
        Agent agent = new Agent(a.path("id").asText(), a.path("owner").asText("owner@example.com"),
                strings(a.path("roles")), JSON.convertValue(a.path("attributes").isMissingNode()
                        ? JSON.createObjectNode() : a.path("attributes"), Map.class),
                AgentStatus.ACTIVE, MONDAY_NOON);
        Optional<User> user = Optional.empty();
        if (root.has("user")) {
            JsonNode u = root.get("user");
            user = Optional.of(new User(u.path("id").asText(), strings(u.path("roles")),
                    JSON.convertValue(u.path("attributes").isMissingNode() ? JSON.createObjectNode()
                            : u.path("attributes"), Map.class)));
        }
        JsonNode t = root.path("tool");
        String name = t.path("name").asText();
        Tool tool = new Tool(name, "", "{\"type\":\"object\"}", ToolKind.fromLabel(t.path("kind").asText()),
                t.path("connector").asText(name.substring(0, name.indexOf('.'))), strings(t.path("labels")));
        JsonNode s = root.path("session");
        Instant time = root.has("time") ? Instant.parse(root.get("time").asText()) : MONDAY_NOON;
        SessionFacts session = new SessionFacts(s.path("id").asText("s-1"), time.minusSeconds(60),
                s.path("callCount").asInt(0), strings(s.path("labels")),
                List.copyOf(strings(s.path("recentTools"))), s.path("risk").asDouble(0));
        Map<String, Object> arguments = root.has("arguments") ? JSON.convertValue(root.get("arguments"), Map.class)
                : Map.of();
        Principal principal = new Principal(agent, user, "tok-1", Set.of(), time.plusSeconds(600));
        return new DecisionRequest(principal, tool, arguments, session, time);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
