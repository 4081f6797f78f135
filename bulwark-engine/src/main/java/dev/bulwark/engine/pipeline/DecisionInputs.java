package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.CanonicalObjectBuilder;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recorded form of what policy was asked ({@code details.decisionInput} of a {@code TOOL_CALL} record), so that a
 * what-if can ask a draft policy set the same question later. Everything passes the audit redactor; where it changed
 * a value, the record says so ({@code redacted}: which parts), because a decision on a redacted value may differ from
 * the one made on the original. Format version {@value #VERSION}:
 * <pre>
 * {version, time, principal: {agent: {id, owner, roles, attributes}, user?: {id, roles, attributes}},
 *  tool: {name, connector, kind, labels}, arguments | argumentsAsRecorded: true,
 *  session: {id, startedAt, callCount, labels, recentTools, risk}, flow?: {...}, subject?: {type, id},
 *  redacted: [parts]}
 * </pre>
 * {@code subject} is present when policy decided about an MCP resource or prompt in place of the tool.
 * {@code argumentsAsRecorded} means the arguments policy saw are the record's {@code details.arguments} (stored once).
 */
public final class DecisionInputs {
    public static final long VERSION = 1;

    private DecisionInputs() {}

    static Map<String, Object> of(DecisionRequest request, Map<String, Object> recordedArguments, Redactor redactor) {
        return of(request, recordedArguments, redactor.redact(request.arguments()),
                new RedactionMemo(redactor, 0, 0, System::nanoTime));
    }

    /**
     * @param redactedArguments the request's arguments as the audit redactor redacts them
     * @param repeated          redacts the parts that repeat from call to call (principal, flow facts), with the same
     *                          redactor
     */
    static Map<String, Object> of(DecisionRequest request, Map<String, Object> recordedArguments,
                                  Map<String, Object> redactedArguments, RedactionMemo repeated) {
        List<String> redacted = new java.util.ArrayList<>();
        // built in the canonical form records hold, so the audit event takes it without another copy
        CanonicalObjectBuilder out = new CanonicalObjectBuilder();
        out.put("version", VERSION);
        out.put("time", request.time().toString());
        Map<String, Object> principal = new LinkedHashMap<>();
        principal.put("agent", agent(request.principal().agent()));
        request.principal().user().ifPresent(u -> principal.put("user", user(u)));
        out.put("principal", redacted(principal, "principal", repeated, redacted));
        out.put("tool", tool(request.tool()));
        Map<String, Object> arguments = redactedArguments;
        if (!arguments.equals(request.arguments())) {
            redacted.add("arguments");
        }
        if (arguments.equals(recordedArguments)) {
            out.put("argumentsAsRecorded", true);
        } else {
            out.put("arguments", arguments);
        }
        out.put("session", session(request.session()));
        if (!request.flow().isEmpty()) {
            out.put("flow", redacted(request.flow(), "flow", repeated, redacted));
        }
        if (request.subject() != null) {
            out.put("subject", redacted(Map.of("type", request.subject().type().name(), "id",
                    request.subject().id()), "subject", repeated, redacted));
        }
        out.put("redacted", redacted);
        return out.build();
    }

    /**
     * The question a {@code TOOL_CALL} record's details say policy was asked, or empty when the record holds none
     * (the call ended before policy was asked, or the record predates decision inputs).
     *
     * @throws IllegalArgumentException when the details hold a decision input that is malformed
     */
    public static java.util.Optional<DecisionRequest> read(Map<String, Object> details) {
        if (!(details.get("decisionInput") instanceof Map<?, ?> input)) {
            return java.util.Optional.empty();
        }
        if (!(input.get("version") instanceof Long version) || version != VERSION) {
            throw new IllegalArgumentException("decision input version " + input.get("version") + " is not "
                    + VERSION);
        }
        java.time.Instant time = java.time.Instant.parse(string(input, "time"));
        Map<?, ?> principalTree = map(input, "principal");
        Map<?, ?> agentTree = map(principalTree, "agent");
        Agent agent = new Agent(string(agentTree, "id"), string(agentTree, "owner"), strings(agentTree, "roles"),
                stringMap(agentTree, "attributes"), dev.bulwark.spi.identity.AgentStatus.ACTIVE, time);
        java.util.Optional<User> user = principalTree.get("user") instanceof Map<?, ?> u
                ? java.util.Optional.of(new User(string(u, "id"), strings(u, "roles"), stringMap(u, "attributes")))
                : java.util.Optional.empty();
        var principal = new dev.bulwark.spi.identity.Principal(agent, user, "recorded", java.util.Set.of(),
                time.plusSeconds(1));
        Map<?, ?> toolTree = map(input, "tool");
        Tool tool = new Tool(string(toolTree, "name"), "", "{\"type\":\"object\"}",
                dev.bulwark.spi.tool.ToolKind.fromLabel(string(toolTree, "kind")), string(toolTree, "connector"),
                strings(toolTree, "labels"));
        Object arguments = Boolean.TRUE.equals(input.get("argumentsAsRecorded")) ? details.get("arguments")
                : input.get("arguments");
        if (!(arguments instanceof Map<?, ?> argumentTree)) {
            throw new IllegalArgumentException("decision input has no arguments object");
        }
        Map<?, ?> s = map(input, "session");
        if (!(s.get("callCount") instanceof Long callCount) || callCount < 0 || callCount > Integer.MAX_VALUE
                || !(s.get("risk") instanceof Number risk)) {
            throw new IllegalArgumentException("decision input session has no valid callCount or risk");
        }
        SessionFacts session = new SessionFacts(string(s, "id"), java.time.Instant.parse(string(s, "startedAt")),
                (int) (long) callCount, strings(s, "labels"), stringList(s, "recentTools"),
                risk.doubleValue());
        Map<String, Object> flow = input.get("flow") instanceof Map<?, ?> f ? cast(f) : Map.of();
        dev.bulwark.spi.policy.Subject subject = input.get("subject") instanceof Map<?, ?> about
                ? new dev.bulwark.spi.policy.Subject(dev.bulwark.spi.policy.Subject.Type.valueOf(string(about, "type")),
                        string(about, "id"))
                : null;
        return java.util.Optional.of(new DecisionRequest(principal, tool, cast(argumentTree), session, time, flow,
                subject));
    }

    /** Whether the details say the redactor changed part of what policy saw. */
    public static List<String> redactedParts(Map<String, Object> details) {
        if (details.get("decisionInput") instanceof Map<?, ?> input && input.get("redacted") instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<?, ?> map(Map<?, ?> tree, String key) {
        if (tree.get(key) instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("decision input has no object '" + key + "'");
    }

    private static String string(Map<?, ?> tree, String key) {
        if (tree.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("decision input has no string '" + key + "'");
    }

    private static java.util.Set<String> strings(Map<?, ?> tree, String key) {
        return new java.util.LinkedHashSet<>(stringList(tree, key));
    }

    private static List<String> stringList(Map<?, ?> tree, String key) {
        if (!(tree.get(key) instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("decision input has no list of strings '" + key + "'");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static Map<String, String> stringMap(Map<?, ?> tree, String key) {
        if (!(tree.get(key) instanceof Map<?, ?> m) || !m.values().stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("decision input has no string map '" + key + "'");
        }
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    private static Map<String, Object> redacted(Map<String, Object> tree, String part, RedactionMemo memo,
                                                List<String> changed) {
        RedactionMemo.Redacted result = memo.redact(tree);
        if (result.changed()) {
            changed.add(part);
        }
        return result.tree();
    }

    private static Map<String, Object> agent(Agent agent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", agent.id());
        out.put("owner", agent.owner());
        out.put("roles", List.copyOf(new TreeSet<>(agent.roles())));
        out.put("attributes", new TreeMap<>(agent.attributes()));
        return out;
    }

    private static Map<String, Object> user(User user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", user.id());
        out.put("roles", List.copyOf(new TreeSet<>(user.roles())));
        out.put("attributes", new TreeMap<>(user.attributes()));
        return out;
    }

    private static Map<String, Object> tool(Tool tool) {
        CanonicalObjectBuilder out = new CanonicalObjectBuilder();
        out.put("name", tool.name());
        out.put("connector", tool.connector());
        out.put("kind", tool.kind().label());
        out.put("labels", List.copyOf(new TreeSet<>(tool.outputLabels())));
        return out.build();
    }

    private static Map<String, Object> session(SessionFacts session) {
        CanonicalObjectBuilder out = new CanonicalObjectBuilder();
        out.put("id", session.id());
        out.put("startedAt", session.startedAt().toString());
        out.put("callCount", (long) session.callCount());
        out.put("labels", List.copyOf(new TreeSet<>(session.labelsSeen())));
        out.put("recentTools", session.recentTools());
        out.put("risk", session.risk());
        return out.build();
    }
}
