package dev.bulwark.server.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Information-flow control (docs/security/flow.md): what each tool's arguments and output mean for provenance.
 *
 * @param maxSessions sessions whose flow state is kept in memory (default 10,000; a session evicted and coming back
 *                    sees every value it has not seen again as untrusted)
 * @param tools       per tool name or glob ({@code *} matches any characters), the first match wins; a tool no entry
 *                    matches has untrusted output and no sinks
 * @param state       where flow state lives: {@code memory} (default; per MCP session, this gateway only) or
 *                    {@code sessions} (the task's session store, shared by replicas on one database and kept across
 *                    restarts; only with {@code sessions.store: database})
 */
public record FlowSettings(Integer maxSessions, List<ToolFlowSettings> tools, String state) {
    static final int MAX_SESSIONS = 1_000_000;

    public FlowSettings {
        maxSessions = maxSessions == null ? 10_000 : maxSessions;
        if (maxSessions < 1 || maxSessions > MAX_SESSIONS) {
            throw new IllegalArgumentException("flow.maxSessions must be between 1 and " + MAX_SESSIONS);
        }
        tools = tools == null ? List.of() : List.copyOf(tools);
        state = state == null || state.isBlank() ? "memory" : state;
        if (!state.equals("memory") && !state.equals("sessions")) {
            throw new IllegalArgumentException("flow.state must be memory or sessions");
        }
        Set<String> patterns = new HashSet<>();
        for (ToolFlowSettings t : tools) {
            if (t == null) {
                throw new IllegalArgumentException("flow.tools: an entry is empty");
            }
            if (!patterns.add(t.tool())) {
                throw new IllegalArgumentException("flow.tools: '" + t.tool() + "' is listed twice");
            }
        }
    }

    public static FlowSettings defaults() {
        return new FlowSettings(null, null, null);
    }

    /** Whether flow state lives in the session store. */
    public boolean inSessionStore() {
        return state.equals("sessions");
    }

    /** The first entry whose name or glob matches the tool, or {@code null}. */
    public ToolFlowSettings forTool(String toolName) {
        for (ToolFlowSettings t : tools) {
            if (t.matches(toolName)) {
                return t;
            }
        }
        return null;
    }
}
