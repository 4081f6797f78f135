package dev.bulwark.spi.approval;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One paused call waiting for (or having had) a human decision. It holds only redacted arguments: the binding hash
 * proves which exact call it is about without keeping the raw values.
 *
 * @param id                 the handle ({@code approval:<id>} to the agent)
 * @param binding            hex SHA-256 of tool, canonical arguments, agent, user and session: the exact call
 * @param tool               the tool's name
 * @param agentId            the requesting agent
 * @param userId             the user the agent acted for, if delegated
 * @param sessionId          the session the call was made in
 * @param arguments          the redacted arguments, for the approver to read
 * @param policyIds          the permits whose {@code @approval} paused the call
 * @param reasons            the annotation texts of those permits (why approval is needed)
 * @param facts              session facts when the call was paused (labels seen, recent tools, risk)
 * @param requiredApprovals  1, or 2 for four-eyes tools
 * @param approvers          the distinct users who approved so far, in order
 * @param state              where the request stands
 * @param createdAt          when the call was paused
 * @param expiresAt          after this it can neither be approved nor used
 * @param deniedBy           who denied it (a user id, or {@code admin}), for {@link ApprovalState#DENIED}
 * @param denyReason         why, for {@link ApprovalState#DENIED}
 * @param decidedAt          when it became approved or denied
 * @param consumedAt         when the approved call used it
 */
public record ApprovalRequest(String id, String binding, String tool, String agentId, Optional<String> userId,
                              String sessionId, Map<String, Object> arguments, List<String> policyIds,
                              List<String> reasons, Map<String, Object> facts, int requiredApprovals,
                              List<String> approvers, ApprovalState state, Instant createdAt, Instant expiresAt,
                              Optional<String> deniedBy, Optional<String> denyReason, Optional<Instant> decidedAt,
                              Optional<Instant> consumedAt) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{7,63}");
    private static final Pattern BINDING = Pattern.compile("[0-9a-f]{64}");

    public ApprovalRequest {
        if (!ID.matcher(Checks.nonBlank(id, "id")).matches()) {
            throw new IllegalArgumentException("approval id must be 8 to 64 letters, digits, '_' or '-'");
        }
        if (!BINDING.matcher(Checks.nonBlank(binding, "binding")).matches()) {
            throw new IllegalArgumentException("binding must be a lower-case hex SHA-256");
        }
        Checks.nonBlank(tool, "tool");
        Checks.nonBlank(agentId, "agentId");
        Checks.present(userId, "userId");
        Checks.nonBlank(sessionId, "sessionId");
        arguments = JsonTrees.copyObject(Checks.present(arguments, "arguments"));
        policyIds = List.copyOf(Checks.present(policyIds, "policyIds"));
        if (policyIds.isEmpty()) {
            throw new IllegalArgumentException("an approval request names the policies that required it");
        }
        reasons = List.copyOf(Checks.present(reasons, "reasons"));
        facts = JsonTrees.copyObject(Checks.present(facts, "facts"));
        if (requiredApprovals < 1 || requiredApprovals > 2) {
            throw new IllegalArgumentException("requiredApprovals must be 1 or 2");
        }
        approvers = List.copyOf(Checks.present(approvers, "approvers"));
        if (new HashSet<>(approvers).size() != approvers.size()) {
            throw new IllegalArgumentException("approvers must be distinct");
        }
        Checks.present(state, "state");
        Checks.present(createdAt, "createdAt");
        Checks.present(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
        Checks.present(deniedBy, "deniedBy");
        Checks.present(denyReason, "denyReason");
        Checks.present(decidedAt, "decidedAt");
        Checks.present(consumedAt, "consumedAt");
        boolean enough = approvers.size() >= requiredApprovals;
        if (approvers.size() > requiredApprovals) {
            throw new IllegalArgumentException("more approvers than required");
        }
        if ((state == ApprovalState.APPROVED || state == ApprovalState.CONSUMED) && !enough) {
            throw new IllegalArgumentException(state.label() + " needs " + requiredApprovals + " approver(s)");
        }
        if (state == ApprovalState.PENDING && enough) {
            throw new IllegalArgumentException("a pending request has fewer approvers than required");
        }
        if ((state == ApprovalState.DENIED) != deniedBy.isPresent()) {
            throw new IllegalArgumentException("exactly a denied request names who denied it");
        }
        if ((state == ApprovalState.CONSUMED) != consumedAt.isPresent()) {
            throw new IllegalArgumentException("exactly a consumed request has consumedAt");
        }
    }

    /** A new pending request with no approver yet. */
    public static ApprovalRequest pending(String id, String binding, String tool, String agentId,
                                          Optional<String> userId, String sessionId, Map<String, Object> arguments,
                                          List<String> policyIds, List<String> reasons, Map<String, Object> facts,
                                          int requiredApprovals, Instant createdAt, Instant expiresAt) {
        return new ApprovalRequest(id, binding, tool, agentId, userId, sessionId, arguments, policyIds, reasons, facts,
                requiredApprovals, List.of(), ApprovalState.PENDING, createdAt, expiresAt, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The state as of {@code now}: a pending or approved request past its expiry is expired even before a sweep. */
    public ApprovalState stateAt(Instant now) {
        if ((state == ApprovalState.PENDING || state == ApprovalState.APPROVED) && !now.isBefore(expiresAt)) {
            return ApprovalState.EXPIRED;
        }
        return state;
    }

    /** The handle shown to the agent and approvers. */
    public String handle() {
        return "approval:" + id;
    }
}
