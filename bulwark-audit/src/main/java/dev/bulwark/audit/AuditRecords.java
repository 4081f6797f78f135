package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A read-only view of a log's records and checkpoints, e.g. for {@code bulwark audit tail}: it never writes, so it
 * can be opened beside running gateways. Reads do not verify; a row no append could have written is reported as an
 * {@link AuditException}.
 */
public final class AuditRecords {
    private final DataSource database;

    public AuditRecords(DataSource database) {
        this.database = Checks.present(database, "database");
    }

    public static AuditRecords at(String jdbcUrl, Properties connectionProperties) {
        return new AuditRecords(new UrlDataSource(Checks.nonBlank(jdbcUrl, "jdbcUrl"),
                Checks.present(connectionProperties, "connectionProperties")));
    }

    /**
     * The records of an embedded data directory.
     *
     * @throws IllegalArgumentException when the directory holds no audit database
     */
    public static AuditRecords ofEmbedded(Path dataDirectory) {
        Path file = dataDirectory.resolve(JdbcAuditLog.DATABASE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no audit database at " + file);
        }
        return at(JdbcAuditLog.embeddedUrl(dataDirectory), new Properties());
    }

    /**
     * The newest {@code count} records, oldest first; fewer when they hold more than {@link #MAX_PAGE_CHARS} characters
     * of details (at least one record is read).
     */
    public List<AuditRecord> tail(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        // newest first, so the size bound (MAX_PAGE_CHARS) keeps the newest records
        List<AuditRecord> newestFirst = query("SELECT " + StoredRecord.COLUMNS
                + " FROM audit_record ORDER BY sequence DESC LIMIT ?", new long[] {0}, count);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Up to {@code limit} records from {@code fromSequence} on, oldest first: page on with the last sequence + 1. */
    public List<AuditRecord> read(long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        return query("SELECT " + StoredRecord.COLUMNS
                + " FROM audit_record WHERE sequence >= ? ORDER BY sequence LIMIT ?", fromSequence, limit);
    }

    /** Rows one page of a query examines at most, however wide its filters (a bounded request). */
    public static final int MAX_SCAN = 20_000;

    /**
     * Characters of stored details one page reads at most (and at least one record). Agents choose how large their
     * records are (their arguments are recorded), so without it a page of {@code limit=10000} could hold thousands
     * of megabyte records in memory at once.
     */
    public static final long MAX_PAGE_CHARS = 8L * 1024 * 1024;

    /**
     * One page of the records a query selects, oldest first. Column filters run in the database; the decision and
     * policy filters read each row's details, and a page stops after {@value #MAX_SCAN} rows examined or
     * {@value #MAX_PAGE_CHARS} characters of details read, with a cursor to continue from, so no filter makes one
     * request read the whole log, and no page of huge records fills the memory.
     */
    public AuditPage query(AuditQuery query) {
        Checks.present(query, "query");
        List<AuditRecord> matches = new ArrayList<>();
        long cursor = query.after();
        long scanned = 0;
        long[] chars = {0};
        int batch = Math.min(MAX_SCAN, Math.max(query.limit(), 500));
        while (true) {
            List<String> parameters = new ArrayList<>();
            String where = query.after(cursor).where(parameters);
            List<AuditRecord> rows = select("SELECT " + StoredRecord.COLUMNS + " FROM audit_record WHERE " + where
                    + " ORDER BY sequence LIMIT ?", cursor, parameters, batch, chars);
            for (AuditRecord record : rows) {
                scanned++;
                cursor = record.sequence();
                if (query.matchesDetails(record)) {
                    matches.add(record);
                    if (matches.size() == query.limit()) {
                        return new AuditPage(matches, java.util.OptionalLong.of(cursor), scanned);
                    }
                }
                if (scanned >= MAX_SCAN) {
                    return new AuditPage(matches, java.util.OptionalLong.of(cursor), scanned);
                }
            }
            if (chars[0] >= MAX_PAGE_CHARS) {
                return new AuditPage(matches, java.util.OptionalLong.of(cursor), scanned);
            }
            if (rows.size() < batch) {
                return new AuditPage(matches, java.util.OptionalLong.empty(), scanned);
            }
        }
    }

    /** The lowest sequence still stored (above 1 after retention pruned older records); 0 when empty. */
    public long firstSequence() {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT MIN(sequence) FROM audit_record");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? 0 : min;
        } catch (SQLException e) {
            throw new AuditException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    private List<AuditRecord> select(String sql, long cursor, List<String> parameters, int limit, long[] chars) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, cursor);
            for (int i = 0; i < parameters.size(); i++) {
                s.setString(i + 2, parameters.get(i));
            }
            s.setInt(parameters.size() + 2, limit);
            return decodeAll(s, chars);
        } catch (SQLException e) {
            throw new AuditException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /**
     * Side-effect attempts with no outcome record, oldest first (reads the whole log a page at a time; does not
     * verify it).
     */
    public List<UnfinishedCalls.Attempt> unfinished() {
        UnfinishedCalls calls = new UnfinishedCalls();
        long from = 1;
        while (true) {
            List<AuditRecord> page = read(from, 1000);
            if (page.isEmpty()) {
                return calls.unfinished();
            }
            page.forEach(calls::see);
            from = page.getLast().sequence() + 1;
        }
    }

    /** The newest checkpoint, if any. */
    public Optional<Checkpoint> latestCheckpoint() {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT " + StoredCheckpoint.COLUMNS
                     + " FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(StoredCheckpoint.read(rs)) : Optional.empty();
        } catch (SQLException | IllegalArgumentException e) {
            throw new AuditException("cannot read the latest audit checkpoint: " + e.getMessage(), e);
        }
    }

    private List<AuditRecord> query(String sql, long... parameters) {
        return query(sql, null, parameters);
    }

    /** @param chars counts characters of details read, stopping at the page bound; {@code null} for no bound */
    private List<AuditRecord> query(String sql, long[] chars, long... parameters) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setLong(i + 1, parameters[i]);
            }
            return decodeAll(s, chars);
        } catch (SQLException e) {
            throw new AuditException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /** @param chars characters of details read so far, counted up; reading stops once past the page bound */
    private static List<AuditRecord> decodeAll(PreparedStatement s, long[] chars) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while ((chars == null || chars[0] < MAX_PAGE_CHARS) && rs.next()) {
                StoredRecord row = StoredRecord.read(rs);
                if (chars != null) {
                    chars[0] += row.details() == null ? 0 : row.details().length();
                }
                try {
                    records.add(row.decode());
                } catch (IllegalArgumentException e) {
                    throw new AuditException("audit record " + row.sequence() + " is corrupt: " + e.getMessage(), e);
                }
            }
        }
        return records;
    }

    private Connection connection() throws SQLException {
        Connection c = database.getConnection();
        try {
            Dialect.of(c).configure(c, SqliteSync.NORMAL);
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
