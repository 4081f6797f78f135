package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import dev.bulwark.spi.identity.Principal;
import java.util.Map;

/**
 * A call that policy has allowed, handed to its connector.
 *
 * @param callId    unique id of this call, shared with its audit records
 * @param tool      the tool being called
 * @param arguments the validated arguments, a JSON object tree
 * @param principal who is calling; a connector may narrow what it returns to this principal
 * @param sessionId the session the call belongs to
 */
public record ToolCall(String callId, Tool tool, Map<String, Object> arguments, Principal principal,
                       String sessionId) {
    public ToolCall {
        Checks.nonBlank(callId, "callId");
        Checks.present(tool, "tool");
        arguments = JsonTrees.copyObject(arguments);
        Checks.present(principal, "principal");
        Checks.nonBlank(sessionId, "sessionId");
    }
}
