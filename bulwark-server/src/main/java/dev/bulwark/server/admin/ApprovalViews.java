package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.approval.ApprovalRequest;
import java.time.Instant;

/** The JSON view of an approval request, as the API and the CLI show it; the state is the one in force at {@code now}. */
public final class ApprovalViews {
    private ApprovalViews() {}

    public static ObjectNode request(ApprovalRequest r, Instant now) {
        ObjectNode n = JsonResponses.object();
        n.put("id", r.id()).put("handle", r.handle()).put("state", r.stateAt(now).label()).put("tool", r.tool())
                .put("agentId", r.agentId());
        r.userId().ifPresent(u -> n.put("userId", u));
        n.put("sessionId", r.sessionId()).put("binding", r.binding());
        n.set("arguments", JsonResponses.JSON.valueToTree(r.arguments()));
        r.policyIds().forEach(n.putArray("policyIds")::add);
        r.reasons().forEach(n.putArray("reasons")::add);
        n.set("facts", JsonResponses.JSON.valueToTree(r.facts()));
        n.put("requiredApprovals", r.requiredApprovals());
        r.approvers().forEach(n.putArray("approvers")::add);
        n.put("createdAt", r.createdAt().toString()).put("expiresAt", r.expiresAt().toString());
        r.deniedBy().ifPresent(d -> n.put("deniedBy", d));
        r.denyReason().ifPresent(d -> n.put("denyReason", d));
        r.decidedAt().ifPresent(d -> n.put("decidedAt", d.toString()));
        r.consumedAt().ifPresent(d -> n.put("consumedAt", d.toString()));
        return n;
    }
}
