package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

/**
 * The audit log on a JDBC database, SQLite (embedded) or PostgreSQL (shared by several gateways). One instance owns
 * one writer thread that group-commits appends; any number of instances, in any number of processes, may append to
 * the same PostgreSQL chain.
 */
public final class JdbcAuditLog implements AuditLog {
    /** File names inside an embedded data directory. */
    public static final String DATABASE_FILE = "audit.db";
    public static final String KEY_FILE = "audit-signing.key";

    private final DataSource dataSource;
    private final CheckpointSigner signer;
    private final AuditLogOptions options;
    private final AuditRecords records;
    private final ChainWriter writer;
    private final AnchorPublisher publisher;
    private final Thread writerThread;
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;

    private JdbcAuditLog(DataSource dataSource, Dialect dialect, CheckpointSigner signer, AuditLogOptions options,
                         AnchorPublisher publisher) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.options = options;
        this.publisher = publisher;
        this.records = new AuditRecords(dataSource);
        this.writer = new ChainWriter(dataSource, dialect, signer, options,
                committed -> publisher.offer(committed.getLast()));
        this.writerThread = Thread.ofPlatform().name("bulwark-audit-writer")
                // a daemon: nothing is acknowledged before it is committed, so dying with the JVM loses no record
                .daemon(true).unstarted(writer);
    }

    /**
     * Opens the log on a database, creating its tables if needed.
     *
     * @throws AuditException when the database cannot be reached or is neither SQLite nor PostgreSQL
     */
    public static JdbcAuditLog open(DataSource dataSource, CheckpointSigner signer, AuditLogOptions options) {
        return open(dataSource, signer, options, AnchorPublisher.none());
    }

    /**
     * Opens the log and publishes its checkpoints to the publisher's witnesses, starting with the newest checkpoint
     * already in the database (a witness that missed it while the gateway was down catches up). The log owns the
     * publisher and closes it.
     *
     * @throws AuditException when the database cannot be reached or is neither SQLite nor PostgreSQL
     */
    public static JdbcAuditLog open(DataSource dataSource, CheckpointSigner signer, AuditLogOptions options,
                                    AnchorPublisher publisher) {
        Checks.present(dataSource, "dataSource");
        Checks.present(signer, "signer");
        Checks.present(options, "options");
        Checks.present(publisher, "publisher");
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c);
            dialect.prepareDatabase(c);
            dialect.configure(c, options.sqliteSync());
            dialect.beginWrite(c);
            try (Statement s = c.createStatement()) {
                for (String ddl : dialect.schema()) {
                    s.execute(ddl);
                }
                dialect.commit(c);
            } catch (SQLException e) {
                dialect.rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            publisher.close(java.time.Duration.ZERO);
            throw new AuditException("cannot open the audit log: " + e.getMessage(), e);
        }
        JdbcAuditLog log = new JdbcAuditLog(dataSource, dialect, signer, options, publisher);
        log.writerThread.start();
        if (!publisher.isEmpty()) {
            try {
                log.latestCheckpoint().ifPresent(publisher::offer);
            } catch (AuditException e) {
                log.close();
                throw e;
            }
        }
        return log;
    }

    /** Opens the log at a JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}). */
    public static JdbcAuditLog open(String jdbcUrl, Properties connectionProperties, CheckpointSigner signer,
                                    AuditLogOptions options) {
        return open(new UrlDataSource(Checks.nonBlank(jdbcUrl, "jdbcUrl"),
                Checks.present(connectionProperties, "connectionProperties")), signer, options);
    }

    /** Opens the log at a JDBC URL and publishes its checkpoints to the publisher's witnesses. */
    public static JdbcAuditLog open(String jdbcUrl, Properties connectionProperties, CheckpointSigner signer,
                                    AuditLogOptions options, AnchorPublisher publisher) {
        return open(new UrlDataSource(Checks.nonBlank(jdbcUrl, "jdbcUrl"),
                Checks.present(connectionProperties, "connectionProperties")), signer, options, publisher);
    }

    /**
     * Opens the embedded log of a data directory: SQLite file {@value #DATABASE_FILE} and signing key
     * {@code keys/}{@value #KEY_FILE} ({@link EmbeddedKeys}), both created on first use; no witnesses.
     */
    public static JdbcAuditLog openEmbedded(Path dataDirectory, AuditLogOptions options) {
        Checks.present(dataDirectory, "dataDirectory");
        return open(embeddedUrl(dataDirectory), new Properties(), EmbeddedKeys.signer(dataDirectory), options);
    }

    /** Opens the embedded log of a data directory with a signer and witnesses of the caller's choosing. */
    public static JdbcAuditLog openEmbedded(Path dataDirectory, CheckpointSigner signer, AuditLogOptions options,
                                            AnchorPublisher publisher) {
        Checks.present(dataDirectory, "dataDirectory");
        try {
            java.nio.file.Files.createDirectories(dataDirectory);
        } catch (java.io.IOException e) {
            publisher.close(java.time.Duration.ZERO);
            throw new AuditException("cannot create the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        return open(new UrlDataSource(embeddedUrl(dataDirectory), new Properties()), signer, options, publisher);
    }

    /** The JDBC URL of a data directory's embedded log. */
    public static String embeddedUrl(Path dataDirectory) {
        return "jdbc:sqlite:" + dataDirectory.resolve(DATABASE_FILE).toAbsolutePath();
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        Checks.present(event, "event");
        publisher.requireCurrent();
        AuditEvent normalized;
        try {
            normalized = EventCodec.normalize(event);
        } catch (IllegalArgumentException e) {
            throw new AuditException("event cannot be recorded: " + e.getMessage(), e);
        }
        CompletableFuture<AuditRecord> result = new CompletableFuture<>();
        // written and hashed here, on the caller's thread, for the stored row and the record hash: the writer thread
        // is serial, so it only links each digested event to the chain head
        String details = CanonicalJson.write(normalized.details());
        enqueue(new ChainWriter.Append(normalized, EventCodec.hashedEvent(normalized, details), details, result));
        return await(result);
    }

    /**
     * Signs a checkpoint at the current head now, unless the head already has one, and returns the latest
     * checkpoint (empty while the log has no record). Publish it outside the database to anchor the log.
     */
    public Optional<Checkpoint> checkpoint() {
        CompletableFuture<Optional<Checkpoint>> result = new CompletableFuture<>();
        enqueue(new ChainWriter.Seal(result));
        return await(result);
    }

    @Override
    public List<AuditRecord> tail(int count) {
        return records.tail(count);
    }

    /** A read-only view of this log's records (queries, export, forwarding). */
    public AuditRecords records() {
        return records;
    }

    /** Up to {@code limit} records from {@code fromSequence} on, oldest first: page on with the last sequence + 1. */
    public List<AuditRecord> read(long fromSequence, int limit) {
        return records.read(fromSequence, limit);
    }

    /**
     * Prunes records older than {@code before}, keeping the chain verifiable ({@link Retention}): the first record
     * kept is one a signed checkpoint covers and, when the log has witnesses, one every witness has anchored; an
     * {@code audit.prune} record naming it is appended before anything is deleted.
     *
     * @return the first record kept and how many were deleted; base 0 when nothing could be pruned
     * @throws AuditException when the database cannot be read or written
     */
    public Retention.Pruned prune(Instant before) {
        Checks.present(before, "before");
        long anchored = publisher.isEmpty() ? Long.MAX_VALUE : publisher.status().stream()
                .mapToLong(AnchorPublisher.Status::published).min().orElse(Long.MAX_VALUE);
        try {
            Optional<Checkpoint> base = Retention.base(dataSource, before, anchored);
            if (base.isEmpty()) {
                return new Retention.Pruned(0, 0, 0);
            }
            AuditRecord record = append(Retention.event(base.get(), before, Instant.now()));
            long removed = Retention.delete(dataSource, base.get().sequence());
            return new Retention.Pruned(base.get().sequence(), removed, record.sequence());
        } catch (java.sql.SQLException e) {
            throw new AuditException("audit retention failed: " + e.getMessage(), e);
        }
    }

    /** The newest checkpoint in the database, if any. */
    public Optional<Checkpoint> latestCheckpoint() {
        return records.latestCheckpoint();
    }

    /** Verifies with this log's key and the options' trusted keys, expecting its checkpoint interval. */
    @Override
    public AuditVerification verify() {
        return verifier().verify();
    }

    /** A verifier of this log, e.g. to add an external anchor. */
    public AuditVerifier verifier() {
        return new AuditVerifier(dataSource, options.trustedKeys().and(TrustedKeys.of(signer.publicKey())),
                options.checkpointInterval());
    }

    /** What each witness holds; empty without witnesses. */
    public List<AnchorPublisher.Status> witnesses() {
        return publisher.status();
    }

    public CheckpointSigner signer() {
        return signer;
    }

    /** Appends and seals waiting for the writer thread now (for the audit queue depth metric). */
    public int queuedAppends() {
        return writer.queued();
    }

    /** Waits for queued appends, signs a checkpoint at the head (a sealed log), and stops the writer. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        CompletableFuture<Optional<Checkpoint>> sealed = new CompletableFuture<>();
        boolean interrupted = false;
        try {
            writer.put(new ChainWriter.Seal(sealed));
            writer.put(new ChainWriter.Stop());
            writerThread.join();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        writer.failRemaining("audit log is closed");
        if (interrupted) {
            publisher.close(java.time.Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while closing the audit log");
        }
        try {
            sealed.join();
        } catch (RuntimeException e) {
            publisher.close();
            throw new AuditException("audit log closed without a final checkpoint: " + e.getMessage(), e);
        }
        publisher.close(); // after the seal: the final checkpoint goes to the witnesses too
    }

    private void enqueue(ChainWriter.Request request) {
        closing.readLock().lock();
        try {
            if (closed) {
                throw new AuditException("audit log is closed");
            }
            if (!writer.offer(request)) {
                throw new AuditException("audit log is overloaded: no room in the write queue after "
                        + options.appendTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while queueing an audit event");
        } finally {
            closing.readLock().unlock();
        }
    }

    private <T> T await(CompletableFuture<T> result) {
        try {
            return result.get(options.appendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuditException audit) {
                throw new AuditException(audit.getMessage(), audit); // this caller's stack, the writer's cause
            }
            throw new AuditException("audit log write failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            // a request still queued is withdrawn, so it is not written after its caller was told it failed
            result.cancel(false);
            throw new AuditException("audit event not confirmed durable within "
                    + options.appendTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while waiting for an audit event to be stored");
        }
    }
}
