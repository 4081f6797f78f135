package dev.bulwark.server.whatif;

import dev.bulwark.audit.AuditPage;
import dev.bulwark.audit.AuditQuery;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.engine.pipeline.DecisionInputs;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Replays recorded decisions against a draft policy set: for every tool-call record in the window that policy
 * decided, asks the draft the recorded question (its decision input) and compares the answer with the recorded one.
 * A run reads at most {@code maxRecords} records and says where to continue, so no time range makes it unbounded.
 */
public final class WhatIf {
    /** Records one run reads at most unless told fewer. */
    public static final long MAX_RECORDS = 200_000;
    /** Changes listed at most (all are counted). */
    public static final int MAX_CHANGES = 1_000;

    private final AuditRecords records;

    public WhatIf(AuditRecords records) {
        this.records = Checks.present(records, "records");
    }

    /**
     * @param window     which records: agent, user, tool, session, since, until, after (other filters are ignored:
     *                   only decided tool calls are replayed)
     * @param maxRecords records read at most in this run (1 to {@link #MAX_RECORDS})
     * @param maxChanges changes listed at most (1 to {@link #MAX_CHANGES})
     */
    public WhatIfReport run(PolicyEngine draft, AuditQuery window, long maxRecords, int maxChanges) {
        Checks.present(draft, "draft");
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw new IllegalArgumentException("maxRecords must be between 1 and " + MAX_RECORDS);
        }
        if (maxChanges < 1 || maxChanges > MAX_CHANGES) {
            throw new IllegalArgumentException("maxChanges must be between 1 and " + MAX_CHANGES);
        }
        AuditQuery query = new AuditQuery(window.agent(), window.user(), window.tool(), window.session(),
                AuditEventType.TOOL_CALL, null, null, null, window.since(), window.until(), window.after(),
                AuditQuery.MAX_LIMIT);
        Tally tally = new Tally(maxChanges);
        OptionalLong next = OptionalLong.empty();
        while (true) {
            AuditQuery page = query.withLimit((int) Math.min(AuditQuery.MAX_LIMIT, maxRecords - tally.scanned));
            AuditPage answer = records.query(page);
            answer.records().forEach(r -> tally.see(r, draft));
            if (answer.next().isEmpty()) {
                break;
            }
            if (tally.scanned >= maxRecords) {
                next = answer.next();
                break;
            }
            query = query.after(answer.next().getAsLong());
        }
        return new WhatIfReport(tally.scanned, tally.replayed, tally.unchanged, tally.undecided, tally.notReplayable,
                tally.malformed, tally.changes, tally.changesTotal, next);
    }

    /** The counts of one run. */
    private static final class Tally {
        final int maxChanges;
        final List<WhatIfReport.Change> changes = new ArrayList<>();
        long scanned;
        long replayed;
        long unchanged;
        long undecided;
        long notReplayable;
        long malformed;
        long changesTotal;

        Tally(int maxChanges) {
            this.maxChanges = maxChanges;
        }

        void see(AuditRecord record, PolicyEngine draft) {
            scanned++;
            var details = record.event().details();
            String decided = AuditQuery.decisionOf(details);
            if (decided.equals("none")) {
                undecided++;
                return;
            }
            Optional<DecisionRequest> question;
            try {
                question = DecisionInputs.read(details);
            } catch (RuntimeException e) {
                malformed++;
                return;
            }
            if (question.isEmpty()) {
                notReplayable++;
                return;
            }
            replayed++;
            Effect before = Effect.recorded(decided, details);
            Effect after = Effect.of(draft.decide(question.get()));
            if (before.effect().equals(after.effect())) {
                unchanged++;
                return;
            }
            changesTotal++;
            if (changes.size() < maxChanges) {
                var e = record.event();
                changes.add(new WhatIfReport.Change(record.sequence(), e.time(), e.agentId(), e.userId(), e.action(),
                        e.sessionId(), before, after, DecisionInputs.redactedParts(details)));
            }
        }
    }
}
