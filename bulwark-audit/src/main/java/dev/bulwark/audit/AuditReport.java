package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code bulwark audit verify} finds out about a log.
 *
 * @param verification   whether the chain, its checkpoints and the anchors given agree (broken at the first problem)
 * @param records        records verified
 * @param lastCheckpoint the newest record a signed checkpoint in the database covers (0: none)
 * @param anchorsGiven   whether anchors from a witness were checked at all
 * @param anchorsMatched anchors found in the chain with their hash
 * @param lastAnchor     the newest record a trusted anchor covers (0: none)
 * @param anchorWarnings lines of the witness that are not anchors, reordered anchors (they prove nothing)
 * @param anchorFailures anchors not signed by a trusted key, or a witness that could not be read
 * @param unfinished     side-effect attempts with no recorded outcome
 * @param base           the first record kept by retention (0: nothing pruned); the chain was verified from it
 * @param anchorsPruned  anchors of records retention removed (nothing is left to compare them with)
 */
public record AuditReport(AuditVerification verification, long records, long lastCheckpoint, boolean anchorsGiven,
                          long anchorsMatched, long lastAnchor, List<String> anchorWarnings,
                          List<String> anchorFailures, List<UnfinishedCalls.Attempt> unfinished, long base,
                          long anchorsPruned) {
    public AuditReport {
        Checks.present(verification, "verification");
        anchorWarnings = List.copyOf(anchorWarnings);
        anchorFailures = List.copyOf(anchorFailures);
        unfinished = List.copyOf(unfinished);
    }

    public AuditReport(AuditVerification verification, long records, long lastCheckpoint, boolean anchorsGiven,
                       long anchorsMatched, long lastAnchor, List<String> anchorWarnings,
                       List<String> anchorFailures, List<UnfinishedCalls.Attempt> unfinished) {
        this(verification, records, lastCheckpoint, anchorsGiven, anchorsMatched, lastAnchor, anchorWarnings,
                anchorFailures, unfinished, 0, 0);
    }

    /** The chain verifies and every anchor given is trusted and found (records after the last anchor may exist). */
    public boolean intact() {
        return verification.intact() && anchorFailures.isEmpty();
    }

    /** Records after the last checkpoint: a hash chain only, which whoever can write the database can rewrite. */
    public long uncheckpointed() {
        return Math.max(0, records - lastCheckpoint);
    }

    /**
     * Records after the last anchor: whoever holds the signing key (or, past the last checkpoint, anyone who can write
     * the database) could have changed or removed them without a trace. All records when no anchors were given.
     */
    public long unanchored() {
        return Math.max(0, records - Math.max(lastAnchor, base == 0 ? 0 : base - 1));
    }

    /** The chain verifies, every anchor given is trusted and found, and no record is newer than the last anchor. */
    public boolean fullyAnchored() {
        return verification.intact() && anchorsGiven && unanchored() == 0;
    }

    /** Lines for people: the verdict first, then what it does not cover, then warnings and unfinished calls. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (verification instanceof AuditVerification.Broken broken) {
            lines.add("audit log BROKEN at record " + broken.sequence() + ": " + broken.problem());
        } else if (fullyAnchored()) {
            lines.add("audit log intact: " + records + " records, every one covered by an anchor held by the witness ("
                    + anchorsMatched + " anchors matched)");
        } else {
            lines.add("audit log verified up to record " + records + " (" + records + " records, hash chain and "
                    + "signed checkpoints agree)" + (anchorsGiven ? "; anchored up to record " + lastAnchor
                    + " (" + anchorsMatched + " anchors matched)" : ""));
            if (!anchorsGiven) {
                lines.add("NOT ANCHORED: no witness anchors given (--anchors): truncation back to a checkpoint, or a"
                        + " rewrite by someone holding the signing key, cannot be detected");
            } else if (unanchored() > 0) {
                lines.add("UNANCHORED TAIL: " + unanchored() + " records (" + (lastAnchor + 1) + " to " + records
                        + ") are newer than the last anchor: they could have been rewritten or removed without"
                        + " detection");
            }
            if (uncheckpointed() > 0) {
                lines.add("UNCHECKPOINTED TAIL: " + uncheckpointed() + " records (" + (lastCheckpoint + 1) + " to "
                        + records + ") are covered by no signed checkpoint yet (normal for the last moment of a"
                        + " running gateway, or after a crash)");
            }
        }
        if (base > 0 && verification.intact()) {
            lines.add("PRUNED: records 1 to " + (base - 1) + " were removed by retention; the chain is verified from"
                    + " record " + base + ", whose signed checkpoint and audit.prune record vouch for it"
                    + (anchorsPruned > 0 ? " (" + anchorsPruned + " anchors name removed records)" : ""));
        }
        anchorFailures.forEach(f -> lines.add("ANCHOR PROBLEM: " + f));
        anchorWarnings.forEach(w -> lines.add("anchor warning: " + w));
        for (UnfinishedCalls.Attempt a : unfinished) {
            lines.add("UNFINISHED: record " + a.sequence() + " attempted " + a.tool() + " (call " + a.callId()
                    + ", agent " + a.agentId() + ", " + EventCodec.formatTime(a.time()) + ") and has no outcome:"
                    + " the side effect may have happened");
        }
        return lines;
    }
}
