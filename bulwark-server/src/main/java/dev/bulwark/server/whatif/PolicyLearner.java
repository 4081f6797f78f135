package dev.bulwark.server.whatif;

import dev.bulwark.audit.AuditPage;
import dev.bulwark.audit.AuditQuery;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.engine.pipeline.DecisionInputs;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.policy.DecisionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Learn mode: from one agent's allowed calls in a window, proposes the least-privilege Cedar policies that permit
 * exactly those tools, with argument constraints where the observed values are stable ({@link ArgumentProfile}), and
 * the schema extension declaring the arguments they read. A proposal for a human to review, never loaded by itself.
 * Calls that needed approval are not learned (the approval policy should stay); calls whose arguments the audit
 * redactor changed constrain nothing on the redacted arguments.
 */
public final class PolicyLearner {
    private final AuditRecords records;

    public PolicyLearner(AuditRecords records) {
        this.records = Checks.present(records, "records");
    }

    /**
     * @param window     the agent (required) and optionally since, until, tool, session
     * @param maxValues  a string argument with at most this many distinct values is constrained to them (1 to 50)
     * @param maxRecords records read at most
     */
    public LearnedPolicies learn(AuditQuery window, int maxValues, long maxRecords) {
        if (window.agent() == null) {
            throw new IllegalArgumentException("learn needs an agent");
        }
        if (maxValues < 1 || maxValues > 50) {
            throw new IllegalArgumentException("maxValues must be between 1 and 50");
        }
        AuditQuery query = new AuditQuery(window.agent(), window.user(), window.tool(), window.session(),
                AuditEventType.TOOL_CALL, null, null, null, window.since(), window.until(), window.after(),
                AuditQuery.MAX_LIMIT);
        Map<String, ToolCalls> tools = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        long scanned = 0;
        long approvals = 0;
        long unreadable = 0;
        Instant first = null;
        Instant last = null;
        boolean truncated = false;
        while (true) {
            AuditPage page = records.query(query);
            for (AuditRecord record : page.records()) {
                scanned++;
                String decided = AuditQuery.decisionOf(record.event().details());
                if (decided.equals("approval")) {
                    approvals++;
                    continue;
                }
                if (!decided.equals("allow")) {
                    continue;
                }
                Optional<DecisionRequest> input;
                try {
                    input = DecisionInputs.read(record.event().details());
                } catch (RuntimeException e) {
                    input = Optional.empty();
                }
                if (input.isEmpty()) {
                    unreadable++;
                    continue;
                }
                DecisionRequest r = input.get();
                tools.computeIfAbsent(r.tool().name(), n -> new ToolCalls(r.tool().name(), r.tool().kind().label()))
                        .add(r, DecisionInputs.redactedParts(record.event().details()).contains("arguments"));
                first = first == null ? record.event().time() : first;
                last = record.event().time();
            }
            if (page.next().isEmpty()) {
                break;
            }
            if (scanned >= maxRecords) {
                truncated = true;
                break;
            }
            query = query.after(page.next().getAsLong());
        }
        if (approvals > 0) {
            notes.add(approvals + " calls needed human approval and are not learned: keep the policy that asks");
        }
        if (unreadable > 0) {
            notes.add(unreadable + " allowed calls carry no readable decision input and are not learned");
        }
        if (truncated) {
            notes.add("stopped after " + scanned + " records: narrow the window to learn from all of it");
        }
        return CedarWriter.write(window.agent(), tools.values(), maxValues, first, last, notes);
    }

    /** The calls of one tool: kind, arguments of each call, users acted for. */
    static final class ToolCalls {
        final String tool;
        final String kind;
        final List<Map<String, Object>> arguments = new ArrayList<>();
        final List<Boolean> redacted = new ArrayList<>();
        final TreeSet<String> users = new TreeSet<>();
        long undelegated;

        ToolCalls(String tool, String kind) {
            this.tool = tool;
            this.kind = kind;
        }

        void add(DecisionRequest request, boolean argumentsRedacted) {
            arguments.add(request.arguments());
            redacted.add(argumentsRedacted);
            request.principal().user().ifPresentOrElse(u -> users.add(u.id()), () -> undelegated++);
        }
    }
}
