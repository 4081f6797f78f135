package dev.bulwark.spi.policy;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import java.time.Instant;
import java.util.Map;

/**
 * One question to policy: may this principal call this tool with these arguments, now, in this session?
 *
 * @param principal the agent and, under delegation, the user
 * @param tool      the tool (its name is the action; connector and kind group it as a resource)
 * @param arguments the call's arguments as a JSON object tree
 * @param session   what the session has done so far
 * @param time      the time of the call
 * @param flow      information-flow facts about the arguments (where their values came from), given to policy as
 *                  {@code context.flow}; a JSON object tree whose lists are read as sets. Empty when no flow step
 *                  ran: policy then sees no {@code context.flow} at all (never a harmless-looking one)
 * @param subject   what the call reads when it is an MCP resource or prompt of the tool's upstream (policy then decides
 *                  about that resource or prompt in place of the tool), or {@code null} for the tool itself
 */
public record DecisionRequest(Principal principal, Tool tool, Map<String, Object> arguments, SessionFacts session,
                              Instant time, Map<String, Object> flow, Subject subject) {
    public DecisionRequest {
        Checks.present(principal, "principal");
        Checks.present(tool, "tool");
        arguments = JsonTrees.copyObject(arguments);
        Checks.present(session, "session");
        Checks.present(time, "time");
        flow = JsonTrees.copyObject(flow);
    }

    /** A request about the tool itself. */
    public DecisionRequest(Principal principal, Tool tool, Map<String, Object> arguments, SessionFacts session,
                           Instant time, Map<String, Object> flow) {
        this(principal, tool, arguments, session, time, flow, null);
    }

    /** A request without flow facts. */
    public DecisionRequest(Principal principal, Tool tool, Map<String, Object> arguments, SessionFacts session,
                           Instant time) {
        this(principal, tool, arguments, session, time, Map.of());
    }
}
