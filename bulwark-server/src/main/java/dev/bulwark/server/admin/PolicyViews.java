package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.PolicyLoad;
import dev.bulwark.policy.PolicyProblem;
import dev.bulwark.server.gateway.PolicyReview;
import dev.bulwark.server.http.JsonResponses;
import java.util.List;

/** JSON views of the policy directory's files and of its validation (the console's policies page). */
final class PolicyViews {
    private PolicyViews() {}

    static ArrayNode files(List<PolicyReview.PolicyFile> files) {
        ArrayNode out = AdminApiServlet.array();
        files.forEach(f -> out.addObject().put("file", f.file()).put("bytes", f.bytes()).put("text", f.text()));
        return out;
    }

    /** {@code valid}, the policy count and warnings, or the problems; never a 4xx: validating is not changing. */
    static ObjectNode validation(PolicyLoad load) {
        ObjectNode out = JsonResponses.object();
        if (load instanceof PolicyLoad.Loaded ok) {
            out.put("valid", true).put("count", ok.policyCount());
            out.set("warnings", problems(ok.warnings()));
        } else {
            out.put("valid", false);
            out.set("problems", problems(((PolicyLoad.Rejected) load).problems()));
        }
        return out;
    }

    private static ArrayNode problems(List<PolicyProblem> problems) {
        ArrayNode a = AdminApiServlet.array();
        problems.forEach(p -> a.add(JsonResponses.object().put("file", p.file().toString()).put("line", p.line())
                .put("column", p.column()).put("message", p.message())));
        return a;
    }
}
