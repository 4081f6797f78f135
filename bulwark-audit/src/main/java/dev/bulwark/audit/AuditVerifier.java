package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Checks an audit log without writing to it, e.g. for {@code bulwark audit verify}. Any failure to read the log is
 * reported as a broken log (fail closed), never as intact.
 *
 * @param database           where the log's tables are
 * @param trustedKeys        the public keys whose checkpoints are accepted
 * @param checkpointInterval the largest checkpoint interval the log was ever written with: longer stretches without
 *                           a checkpoint mean checkpoints were deleted
 * @param anchor             a checkpoint kept outside the database (e.g. the last one published); the chain must
 *                           still contain its record with its hash
 */
public record AuditVerifier(DataSource database, TrustedKeys trustedKeys, long checkpointInterval,
                            Optional<Checkpoint> anchor) {
    public AuditVerifier {
        Checks.present(database, "database");
        Checks.present(trustedKeys, "trustedKeys");
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be at least 1");
        }
        Checks.present(anchor, "anchor");
    }

    /** A verifier of the log at a JDBC URL. */
    public static AuditVerifier at(String jdbcUrl, Properties connectionProperties, TrustedKeys trustedKeys,
                                   long checkpointInterval) {
        return new AuditVerifier(new UrlDataSource(Checks.nonBlank(jdbcUrl, "jdbcUrl"),
                Checks.present(connectionProperties, "connectionProperties")), trustedKeys, checkpointInterval,
                Optional.empty());
    }

    /**
     * A verifier of an embedded data directory's log, trusting the public key of the directory's key file (a copy of
     * that public key kept elsewhere is stronger: pass it with {@link #at}).
     *
     * @throws IllegalArgumentException when the directory holds no audit database or key file
     */
    public static AuditVerifier ofEmbedded(Path dataDirectory, long checkpointInterval) {
        Path database = dataDirectory.resolve(JdbcAuditLog.DATABASE_FILE);
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("no audit database at " + database);
        }
        return at(JdbcAuditLog.embeddedUrl(dataDirectory), new Properties(),
                TrustedKeys.fromKeyFile(dataDirectory.resolve(JdbcAuditLog.KEY_FILE)), checkpointInterval);
    }

    public AuditVerifier withAnchor(Checkpoint checkpoint) {
        return new AuditVerifier(database, trustedKeys, checkpointInterval, Optional.of(checkpoint));
    }

    /** Walks the whole chain; memory use does not grow with its length. */
    public AuditVerification verify() {
        return verify(ChainVerifier.PAGE);
    }

    AuditVerification verify(int pageSize) {
        try (Connection c = database.getConnection()) {
            Dialect dialect = Dialect.of(c);
            dialect.configure(c, SqliteSync.NORMAL);
            c.setAutoCommit(true);
            return new ChainVerifier(c, trustedKeys, checkpointInterval, anchor, pageSize).verify(dialect);
        } catch (SQLException | RuntimeException e) {
            return new AuditVerification.Broken(0, "the audit log could not be read: " + e.getMessage());
        }
    }

    /** One line for people: what was verified, or where and how the chain is broken. */
    public static String describe(AuditVerification verification) {
        return switch (verification) {
            case AuditVerification.Intact intact -> "audit log intact: " + intact.records() + " records, "
                    + intact.checkpoints() + " signed checkpoints verified";
            case AuditVerification.Broken broken -> "audit log BROKEN at record " + broken.sequence() + ": "
                    + broken.problem();
        };
    }
}
