package dev.bulwark.server.mcp;

import dev.bulwark.engine.pipeline.UserVeto;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * Asks the person at an MCP client that declared the {@code elicitation} capability whether to stop a paused call: a
 * form with one required choice, {@code stop} or {@code wait}. Only an accepted form choosing {@code stop} stops; a
 * declined or cancelled prompt, an error, or anything else lets the approvers decide.
 */
final class ElicitationVeto implements UserVeto {
    static final String FIELD = "decision";
    static final String STOP = "stop";
    static final String WAIT = "wait";

    private final McpSyncServerExchange exchange;

    private ElicitationVeto(McpSyncServerExchange exchange) {
        this.exchange = exchange;
    }

    /** A veto through this exchange's client, or {@link UserVeto#NONE} when the client cannot be asked. */
    static UserVeto of(McpSyncServerExchange exchange) {
        McpSchema.ClientCapabilities caps = exchange.getClientCapabilities();
        return caps == null || caps.elicitation() == null ? UserVeto.NONE : new ElicitationVeto(exchange);
    }

    @Override
    public boolean stops(String question) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of(FIELD, Map.of("type", "string", "title", "What should happen to this call?",
                        "enum", List.of(STOP, WAIT), "enumNames", List.of("Stop it", "Let the approvers decide"))),
                "required", List.of(FIELD));
        try {
            McpSchema.ElicitResult result = exchange.createElicitation(McpSchema.ElicitRequest.builder(question, schema)
                    .build());
            return result != null && result.action() == McpSchema.ElicitResult.Action.ACCEPT
                    && result.content() != null && STOP.equals(result.content().get(FIELD));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
