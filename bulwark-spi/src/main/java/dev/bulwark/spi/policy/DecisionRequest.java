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
 */
public record DecisionRequest(Principal principal, Tool tool, Map<String, Object> arguments, SessionFacts session,
                              Instant time) {
    public DecisionRequest {
        Checks.present(principal, "principal");
        Checks.present(tool, "tool");
        arguments = JsonTrees.copyObject(arguments);
        Checks.present(session, "session");
        Checks.present(time, "time");
    }
}
