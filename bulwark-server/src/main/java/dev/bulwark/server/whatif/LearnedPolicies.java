package dev.bulwark.server.whatif;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.http.JsonResponses;
import java.util.List;

/**
 * A learned proposal.
 *
 * @param policies the Cedar policies, commented (what each permits, which arguments are constrained and why)
 * @param schema   the schema extension declaring the arguments the policies read (empty when they read none)
 * @param calls    allowed calls learned from
 * @param tools    tools permitted
 * @param notes    what was not learned, and why
 */
public record LearnedPolicies(String policies, String schema, long calls, int tools, List<String> notes) {
    public LearnedPolicies {
        notes = List.copyOf(notes);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonResponses.object().put("policies", policies).put("schema", schema).put("calls", calls)
                .put("tools", tools);
        notes.forEach(n.putArray("notes")::add);
        return n;
    }
}
