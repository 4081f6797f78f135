package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.audit.AuditVerification.Broken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks the chain and its checkpoints in sequence order, a page at a time, so memory stays bounded however long the
 * log is. Stops at the first problem.
 */
final class ChainVerifier {
    static final int PAGE = 1000;

    private final Connection connection;
    private final TrustedKeys keys;
    private final long maxUncovered;
    private final List<Checkpoint> anchors;
    private final int pageSize;
    private final UnfinishedCalls unfinished = new UnfinishedCalls();
    private long verifiedCheckpoints;
    private long lastCovered;
    private long anchorsMatched;
    private long lastAnchor;
    private long records;
    private long base;
    private String baseHash;
    private boolean pruneRecorded;
    private long anchorsBeforeBase;

    /**
     * @param maxUncovered the most records that may follow one checkpoint before the next (the checkpoint interval)
     * @param anchors      trusted checkpoints kept outside the database, which the chain must still contain
     */
    ChainVerifier(Connection connection, TrustedKeys keys, long maxUncovered, List<Checkpoint> anchors,
                  int pageSize) {
        this.pageSize = pageSize;
        this.connection = connection;
        this.keys = keys;
        this.maxUncovered = maxUncovered;
        this.anchors = anchors.stream().sorted(java.util.Comparator.comparingLong(Checkpoint::sequence)).toList();
    }

    /** What the walk found; {@code verification} is the first problem, or intact. */
    record Walk(AuditVerification verification, long records, long lastCheckpoint, long anchorsMatched,
                long lastAnchor, List<UnfinishedCalls.Attempt> unfinished, long base, long anchorsBeforeBase) {
        Walk(AuditVerification verification, long records, long lastCheckpoint, long anchorsMatched,
             long lastAnchor, List<UnfinishedCalls.Attempt> unfinished) {
            this(verification, records, lastCheckpoint, anchorsMatched, lastAnchor, unfinished, 0, 0);
        }
    }

    Walk walk(Dialect dialect) throws SQLException {
        AuditVerification verification = verify(dialect);
        return new Walk(verification, records, lastCovered, anchorsMatched, lastAnchor, unfinished.unfinished(),
                base, anchorsBeforeBase);
    }

    /** The base record's hash, remembered when the walk passes it. */
    private String baseHash(long sequence, StoredRecord row) {
        if (sequence == base) {
            baseHash = row.hash();
        }
        return baseHash;
    }

    private AuditVerification verify(Dialect dialect) throws SQLException {
        long[] bounds = bounds(dialect);
        long lastRecord = bounds[0];
        // Retention may have pruned records below a signed checkpoint: the chain then starts at that checkpoint's
        // record, whose hash the signature vouches for, and a prune record in the chain must name it (Retention).
        base = bounds[2] > 1 ? bounds[2] : 0;
        CheckpointCursor checkpoints = new CheckpointCursor(bounds[1], base == 0 ? Long.MIN_VALUE : base - 1);
        long expected = base == 0 ? 1 : base;
        String previousHash = base == 0 ? ChainHash.GENESIS : null;
        int nextAnchor = 0;
        while (nextAnchor < anchors.size() && anchors.get(nextAnchor).sequence() < base) {
            nextAnchor++; // anchors of pruned records: nothing left to compare them with
            anchorsBeforeBase++;
        }
        lastCovered = base == 0 ? 0 : base - 1;
        long after = Long.MIN_VALUE;
        while (true) {
            List<StoredRecord> page = records(after, lastRecord);
            if (page.isEmpty()) {
                break;
            }
            for (StoredRecord row : page) {
                long sequence = row.sequence();
                if (sequence != expected) {
                    return new Broken(expected, sequence > expected
                            ? "record " + expected + " is missing (the next stored record is " + sequence
                              + "): records were deleted or renumbered"
                            : "record with sequence " + sequence + " is out of place: sequences start at 1");
                }
                if (previousHash == null) {
                    previousHash = row.previousHash(); // the retention base: vouched for by its checkpoint below
                    Checkpoint first = checkpoints.peek();
                    if (checkpoints.problem != null) {
                        return checkpoints.problem;
                    }
                    if (first == null || first.sequence() != sequence) {
                        return new Broken(1, "records 1 to " + (sequence - 1) + " are missing and record " + sequence
                                + " has no signed checkpoint to start the chain from: records were deleted");
                    }
                }
                if (!row.previousHash().equals(previousHash)) {
                    return new Broken(sequence, "record " + sequence + " does not link to record " + (sequence - 1)
                            + " (its previous hash differs): records were deleted, reordered or modified");
                }
                AuditRecord record;
                try {
                    record = row.decode();
                } catch (RuntimeException e) {
                    return new Broken(sequence, "record " + sequence + " was modified: " + e.getMessage());
                }
                String recomputed = ChainHash.of(sequence, previousHash, EventCodec.canonicalEvent(record.event()));
                if (!recomputed.equals(row.hash())) {
                    return new Broken(sequence, "record " + sequence
                            + " was modified: its content does not match its hash");
                }
                records = sequence - 1;
                while (nextAnchor < anchors.size() && anchors.get(nextAnchor).sequence() == sequence) {
                    Checkpoint anchor = anchors.get(nextAnchor++);
                    if (!anchor.hash().equals(row.hash())) {
                        return new Broken(sequence, "record " + sequence + " differs from the external anchor"
                                + " checkpoint signed " + EventCodec.formatTime(anchor.time())
                                + ": the chain was rewritten");
                    }
                    anchorsMatched++;
                    lastAnchor = sequence;
                }
                unfinished.see(record);
                if (base > 0 && Retention.names(record, base, baseHash(sequence, row))) {
                    pruneRecorded = true;
                }
                Checkpoint checkpoint = checkpoints.peek();
                if (checkpoints.problem != null) {
                    return checkpoints.problem;
                }
                if (checkpoint != null && checkpoint.sequence() == sequence) {
                    checkpoints.next();
                    if (!keys.signed(checkpoint)) {
                        return new Broken(sequence, "checkpoint at record " + sequence + " has an invalid signature"
                                + " or a key that is not trusted (key id " + checkpoint.keyId() + ")");
                    }
                    if (!checkpoint.hash().equals(row.hash())) {
                        return new Broken(sequence, "record " + sequence + " does not match its signed checkpoint:"
                                + " the chain was rewritten after the checkpoint was signed");
                    }
                    if (sequence - lastCovered > maxUncovered) {
                        return uncovered(lastCovered, sequence);
                    }
                    lastCovered = sequence;
                    verifiedCheckpoints++;
                }
                previousHash = row.hash();
                expected++;
                after = sequence;
                records = sequence;
            }
        }
        records = expected - 1;
        if (base > 0 && !pruneRecorded) {
            return new Broken(1, "records 1 to " + (base - 1) + " are missing: no audit.prune record in the chain"
                    + " names record " + base + " as the retention base, so they were deleted, not pruned");
        }
        Checkpoint beyond = checkpoints.peek();
        if (checkpoints.problem != null) {
            return checkpoints.problem;
        }
        if (beyond != null) {
            return new Broken(records + 1, "the log is truncated: a signed checkpoint covers record "
                    + beyond.sequence() + " but the last record is " + records);
        }
        if (nextAnchor < anchors.size()) {
            return new Broken(records + 1, "the log is truncated: the external anchor covers record "
                    + anchors.getLast().sequence() + " but the last record is " + records);
        }
        // a tail after the last checkpoint is normal after a crash, but never as long as a whole interval
        if (records - lastCovered >= maxUncovered && records > lastCovered) {
            return uncovered(lastCovered, records + 1);
        }
        return new AuditVerification.Intact(records, verifiedCheckpoints);
    }

    private Broken uncovered(long lastCovered, long next) {
        return new Broken(lastCovered + 1, "records " + (lastCovered + 1) + " to " + (next - 1) + " are covered by no"
                + " checkpoint although one is written every " + maxUncovered + " records: checkpoints were deleted");
    }

    /** The last record and last checkpoint, read together so that both describe one state of the log. */
    private long[] bounds(Dialect dialect) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        dialect.beginSnapshot(connection);
        try {
            long[] bounds = {max("audit_record"), max("audit_checkpoint"), min("audit_record")};
            connection.commit();
            return bounds;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private long max(String table) throws SQLException {
        return aggregate("MAX", table);
    }

    private long min(String table) throws SQLException {
        return aggregate("MIN", table);
    }

    private long aggregate(String function, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + function + "(sequence) FROM " + table);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? 0 : max;
        }
    }

    private List<StoredRecord> records(long after, long last) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + StoredRecord.COLUMNS
                + " FROM audit_record WHERE sequence > ? AND sequence <= ? ORDER BY sequence LIMIT " + pageSize)) {
            s.setLong(1, after);
            s.setLong(2, last);
            try (ResultSet rs = s.executeQuery()) {
                List<StoredRecord> page = new ArrayList<>(pageSize);
                while (rs.next()) {
                    page.add(StoredRecord.read(rs));
                }
                return page;
            }
        }
    }

    /** Checkpoints in sequence order, fetched a page at a time; a malformed row ends the walk as a problem. */
    private final class CheckpointCursor {
        private final long last;
        private final Deque<Checkpoint> page = new ArrayDeque<>();
        private long after = Long.MIN_VALUE;
        private boolean exhausted;
        Broken problem;

        CheckpointCursor(long last, long after) {
            this.last = last;
            this.after = after;
        }

        Checkpoint peek() throws SQLException {
            if (page.isEmpty() && !exhausted && problem == null) {
                fill();
            }
            return page.peekFirst();
        }

        void next() {
            page.pollFirst();
        }

        private void fill() throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + StoredCheckpoint.COLUMNS
                    + " FROM audit_checkpoint WHERE sequence > ? AND sequence <= ? ORDER BY sequence LIMIT " + pageSize)) {
                s.setLong(1, after);
                s.setLong(2, last);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long sequence = rs.getLong(1);
                        after = sequence;
                        try {
                            page.addLast(StoredCheckpoint.read(rs));
                        } catch (RuntimeException e) {
                            problem = new Broken(sequence, "checkpoint at record " + sequence + " is malformed: "
                                    + e.getMessage());
                            exhausted = true;
                            return;
                        }
                    }
                }
            }
            exhausted = page.isEmpty();
        }
    }
}
