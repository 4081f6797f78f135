package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditAnchor;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Witness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A witness that inserts anchors into table {@code audit_anchor} of a second database (SQLite or PostgreSQL), one that
 * the audit database's attacker cannot write: another server, another account. It only inserts; an anchor already
 * held is left alone.
 */
public final class JdbcWitness implements Witness {
    static final String TABLE = "CREATE TABLE IF NOT EXISTS audit_anchor (sequence BIGINT NOT NULL, "
            + "hash CHAR(64) NOT NULL, time VARCHAR(32) NOT NULL, key_id VARCHAR(64) NOT NULL, "
            + "signature TEXT NOT NULL, PRIMARY KEY (sequence, key_id))";
    private static final String INSERT = "INSERT INTO audit_anchor (sequence, hash, time, key_id, signature) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final DataSource database;
    private final String name;
    private Connection connection;

    private JdbcWitness(DataSource database, String name) {
        this.database = database;
        this.name = name;
    }

    /**
     * Opens the witness database and creates its table if needed.
     *
     * @throws AuditException when the database cannot be reached
     */
    public static JdbcWitness open(String jdbcUrl, Properties connectionProperties) {
        JdbcWitness witness = new JdbcWitness(new UrlDataSource(Checks.nonBlank(jdbcUrl, "jdbcUrl"),
                Checks.present(connectionProperties, "connectionProperties")), "database:" + withoutQuery(jdbcUrl));
        try (Connection c = witness.database.getConnection(); Statement s = c.createStatement()) {
            s.execute(TABLE);
        } catch (SQLException e) {
            throw new AuditException("cannot open the audit witness database " + witness.name + ": "
                    + e.getMessage(), e);
        }
        return witness;
    }

    /** The URL without its query (which may carry a password). */
    static String withoutQuery(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void publish(AuditAnchor anchor) {
        Checks.present(anchor, "anchor");
        try {
            if (connection == null) {
                connection = database.getConnection();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, anchor.sequence());
                insert.setString(2, anchor.hash());
                insert.setString(3, EventCodec.formatTime(anchor.time()));
                insert.setString(4, anchor.keyId());
                insert.setString(5, anchor.signature());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            discard();
            throw new AuditException("cannot insert into the audit witness database " + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        discard();
    }

    private void discard() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection is being dropped; the next publish opens a new one
            }
            connection = null;
        }
    }

    /** Reads every anchor of a witness database; never throws. */
    public static AnchorSet read(String jdbcUrl, Properties connectionProperties) {
        String source = "database:" + withoutQuery(jdbcUrl);
        try (Connection c = new UrlDataSource(jdbcUrl, connectionProperties).getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT sequence, hash, time, key_id, signature FROM audit_anchor ORDER BY sequence, key_id");
             ResultSet rs = s.executeQuery()) {
            AnchorSet.Collector collector = new AnchorSet.Collector(source);
            long row = 0;
            while (rs.next()) {
                row++;
                try {
                    collector.add(row, StoredCheckpoint.read(rs));
                } catch (RuntimeException e) {
                    collector.warn(source + " row " + row + " (sequence " + rs.getString(1)
                            + ") is not an anchor (ignored): " + e.getMessage());
                }
            }
            return collector.result();
        } catch (SQLException | RuntimeException e) {
            return AnchorSet.unreadable(source, e);
        }
    }
}
