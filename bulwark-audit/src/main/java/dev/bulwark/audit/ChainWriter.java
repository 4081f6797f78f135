package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The single writer of one log instance (group commit): appenders queue their events; this thread takes all that
 * are waiting, links them to the chain head read inside one write transaction, commits once, and only then
 * completes the appenders' futures. A failed batch fails every append in it and nothing of it is kept; the next batch
 * reads the head afresh, so the chain continues from what the database really holds.
 */
final class ChainWriter implements Runnable {

    /** Work for the writer, in queue order. */
    sealed interface Request permits Append, Seal, Tick, Stop {
    }

    /**
     * @param hashedEvent      {@link ChainHash#eventPart} of the event's canonical text, digested by the appender
     * @param canonicalDetails the canonical text of the event's details, as stored
     */
    record Append(AuditEvent event, java.security.MessageDigest hashedEvent, String canonicalDetails,
                  CompletableFuture<AuditRecord> result) implements Request {
    }

    /** Sign a checkpoint at the current head (close, or on demand) unless one is already there. */
    record Seal(CompletableFuture<Optional<Checkpoint>> result) implements Request {
    }

    /** Nothing to append: checkpoint the head if records have waited a checkpoint period for one. */
    record Tick() implements Request {
    }

    record Stop() implements Request {
    }

    private record Head(long sequence, String hash) {
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final CheckpointSigner signer;
    private final AuditLogOptions options;
    private final BlockingQueue<Request> queue;
    private final Consumer<List<Checkpoint>> committed;
    private final long periodNanos;
    private Connection connection;
    private WriterStatements statements;
    /** {@link System#nanoTime()} when the first record no checkpoint covers yet was committed; -1 when none. */
    private long uncoveredSince = -1;

    /**
     * @param committed told of the checkpoints of every committed transaction (to publish them); must not block
     */
    ChainWriter(DataSource dataSource, Dialect dialect, CheckpointSigner signer, AuditLogOptions options,
                Consumer<List<Checkpoint>> committed) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.signer = signer;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.committed = committed;
        this.periodNanos = options.checkpointPeriod().toNanos();
    }

    /** Queues a request, waiting up to the append timeout for room (back-pressure). */
    boolean offer(Request request) throws InterruptedException {
        return queue.offer(request, options.appendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Requests waiting for the writer now. */
    int queued() {
        return queue.size();
    }

    /** Queues a request however long it takes; used only when closing, while the writer still drains the queue. */
    void put(Request request) throws InterruptedException {
        queue.put(request);
    }

    @Override
    public void run() {
        List<Request> batch = new ArrayList<>(options.maxBatch());
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                batch.add(next());
            } catch (InterruptedException e) {
                // interrupted only when the log is abandoned: keep going until Stop, waiters depend on it
                continue;
            }
            queue.drainTo(batch, options.maxBatch() - 1);
            stopping = batch.getLast() instanceof Stop;
            try {
                write(batch);
            } catch (Throwable failure) { // even an Error must fail the waiters, never leave them hanging
                fail(batch, failure);
                discardConnection();
                if (batch.size() == 1 && batch.getFirst() instanceof Tick) {
                    uncoveredSince = System.nanoTime(); // try the timed checkpoint again a period later, not at once
                }
            }
        }
        discardConnection();
    }

    /** The next request, or a tick when uncovered records are due for their checkpoint by time. */
    private Request next() throws InterruptedException {
        if (periodNanos == 0 || uncoveredSince < 0) {
            return queue.take();
        }
        long wait = uncoveredSince + periodNanos - System.nanoTime();
        Request request = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
        return request != null ? request : new Tick();
    }

    private boolean dueByTime(long now) {
        return periodNanos > 0 && uncoveredSince >= 0 && now - uncoveredSince >= periodNanos;
    }

    private void write(List<Request> batch) throws SQLException {
        long started = System.nanoTime();
        Connection c = connection();
        dialect.beginWrite(c);
        try {
            Head head = readHead(statements.head());
            long lastCheckpoint = readLastCheckpointSequence(statements.lastCheckpoint());
            Optional<Checkpoint> latest = Optional.empty(); // read only if a seal needs it
            List<StoredRecord> records = new ArrayList<>();
            List<Checkpoint> checkpoints = new ArrayList<>();
            List<Runnable> completions = new ArrayList<>();
            for (Request request : batch) {
                switch (request) {
                    case Append a when a.result().isDone() -> {
                        // withdrawn by its caller (timed out): not written
                    }
                    case Append a -> {
                        long sequence = head.sequence() + 1;
                        String hash = ChainHash.link(a.hashedEvent(), sequence, head.hash());
                        AuditRecord record = new AuditRecord(sequence, a.event(), head.hash(), hash);
                        records.add(StoredRecord.of(record, a.canonicalDetails()));
                        completions.add(() -> a.result().complete(record));
                        head = new Head(sequence, hash);
                        if (sequence - lastCheckpoint >= options.checkpointInterval()) {
                            Checkpoint checkpoint = signer.sign(sequence, hash, Instant.now());
                            checkpoints.add(checkpoint);
                            lastCheckpoint = sequence;
                            latest = Optional.of(checkpoint);
                        }
                    }
                    case Seal s -> {
                        if (head.sequence() > lastCheckpoint) {
                            Checkpoint checkpoint = signer.sign(head.sequence(), head.hash(), Instant.now());
                            checkpoints.add(checkpoint);
                            lastCheckpoint = head.sequence();
                            latest = Optional.of(checkpoint);
                        }
                        if (latest.isEmpty() && lastCheckpoint > 0) {
                            latest = readLatestCheckpoint(c);
                        }
                        Optional<Checkpoint> sealed = latest;
                        completions.add(() -> s.result().complete(sealed));
                    }
                    case Tick ignored -> {
                    }
                    case Stop ignored -> {
                    }
                }
            }
            if (head.sequence() > lastCheckpoint && dueByTime(started)) {
                Checkpoint checkpoint = signer.sign(head.sequence(), head.hash(), Instant.now());
                checkpoints.add(checkpoint);
                lastCheckpoint = head.sequence();
            }
            insert(c, statements.recordInsert(), records, checkpoints);
            dialect.commit(c);
            if (head.sequence() <= lastCheckpoint) {
                uncoveredSince = -1;
            } else if (uncoveredSince < 0) {
                uncoveredSince = started;
            }
            completions.forEach(Runnable::run);
            if (!checkpoints.isEmpty()) {
                committed.accept(List.copyOf(checkpoints));
            }
        } catch (SQLException | RuntimeException | Error e) {
            // an Error too: the writer keeps its connection, which must not stay inside a half-written batch
            dialect.rollbackQuietly(c);
            throw e;
        }
    }

    private static Head readHead(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, ChainHash.GENESIS);
        }
    }

    private static long readLastCheckpointSequence(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? 0 : max;
        }
    }

    private static Optional<Checkpoint> readLatestCheckpoint(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + StoredCheckpoint.COLUMNS
                + " FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(StoredCheckpoint.read(rs)) : Optional.empty();
        }
    }

    private static void insert(Connection c, PreparedStatement recordInsert, List<StoredRecord> records,
                               List<Checkpoint> checkpoints) throws SQLException {
        if (!records.isEmpty()) {
            recordInsert.clearBatch();
            for (StoredRecord record : records) {
                record.bind(recordInsert);
                recordInsert.addBatch();
            }
            recordInsert.executeBatch();
        }
        if (!checkpoints.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(StoredCheckpoint.INSERT)) {
                for (Checkpoint checkpoint : checkpoints) {
                    StoredCheckpoint.bind(insert, checkpoint);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static void fail(List<Request> batch, Throwable cause) {
        AuditException failure = new AuditException(
                "audit log write failed, the event is not confirmed as recorded: " + cause.getMessage(), cause);
        for (Request request : batch) {
            switch (request) {
                case Append a -> a.result().completeExceptionally(failure);
                case Seal s -> s.result().completeExceptionally(failure);
                case Tick ignored -> {
                }
                case Stop ignored -> {
                }
            }
        }
    }

    /** Fails whatever is still queued; called once the writer has stopped. */
    void failRemaining(String why) {
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new IllegalStateException(why));
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                dialect.configure(c, options.sqliteSync());
                statements = WriterStatements.prepare(c);
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** Closes the connection and with it the statements prepared on it; the next batch opens a new one. */
    private void discardConnection() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
            statements = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being thrown away; a failure to close it changes nothing for the chain
        }
    }
}
