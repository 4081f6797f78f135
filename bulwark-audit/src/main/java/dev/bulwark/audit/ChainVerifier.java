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
                long lastAnchor, List<UnfinishedCalls.Attempt> unfinished) {
    }

    Walk walk(Dialect dialect) throws SQLException {
        AuditVerification verification = verify(dialect);
        return new Walk(verification, records, lastCovered, anchorsMatched, lastAnchor, unfinished.unfinished());
    }

    private AuditVerification verify(Dialect dialect) throws SQLException {
        long[] bounds = bounds(dialect);
        long lastRecord = bounds[0];
        CheckpointCursor checkpoints = new CheckpointCursor(bounds[1]);
        long expected = 1;
        String previousHash = ChainHash.GENESIS;
        int nextAnchor = 0;
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
            long[] bounds = {max("audit_record"), max("audit_checkpoint")};
            connection.commit();
            return bounds;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private long max(String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT MAX(sequence) FROM " + table);
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

        CheckpointCursor(long last) {
            this.last = last;
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
