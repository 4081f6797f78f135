package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Checks an audit log without writing to it, e.g. for {@code bulwark audit verify}. Any failure to read the log is
 * reported as a broken log (fail closed), never as intact.
 *
 * @param database           where the log's tables are
 * @param trustedKeys        the public keys whose checkpoints (and anchors) are accepted
 * @param checkpointInterval the largest checkpoint interval the log was ever written with: longer stretches without
 *                           a checkpoint mean checkpoints were deleted
 * @param anchors            checkpoints kept outside the database by a witness; the chain must still contain each
 *                           one's record with its hash. Empty set: no anchors given.
 * @param anchorsGiven       whether anchors were given at all (an empty witness is not the same as none)
 */
public record AuditVerifier(DataSource database, TrustedKeys trustedKeys, long checkpointInterval,
                            AnchorSet anchors, boolean anchorsGiven) {
    public AuditVerifier {
        Checks.present(database, "database");
        Checks.present(trustedKeys, "trustedKeys");
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be at least 1");
        }
        Checks.present(anchors, "anchors");
    }

    public AuditVerifier(DataSource database, TrustedKeys trustedKeys, long checkpointInterval) {
        this(database, trustedKeys, checkpointInterval, new AnchorSet(List.of(), List.of(), List.of()), false);
    }

    /** A verifier of the log at a JDBC URL. */
    public static AuditVerifier at(String jdbcUrl, Properties connectionProperties, TrustedKeys trustedKeys,
                                   long checkpointInterval) {
        return new AuditVerifier(new UrlDataSource(Checks.nonBlank(jdbcUrl, "jdbcUrl"),
                Checks.present(connectionProperties, "connectionProperties")), trustedKeys, checkpointInterval);
    }

    /**
     * A verifier of an embedded data directory's log, trusting the public key of the directory's key file (in
     * {@code keys/}, or beside {@code audit.db} where older versions kept it). A copy of the public key kept elsewhere
     * is stronger: pass it with {@link #withTrustedKeys}.
     *
     * @throws IllegalArgumentException when the directory holds no audit database or key file
     */
    public static AuditVerifier ofEmbedded(Path dataDirectory, long checkpointInterval) {
        Path database = dataDirectory.resolve(JdbcAuditLog.DATABASE_FILE);
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("no audit database at " + database);
        }
        return at(JdbcAuditLog.embeddedUrl(dataDirectory), new Properties(), EmbeddedKeys.trusted(dataDirectory),
                checkpointInterval);
    }

    public AuditVerifier withTrustedKeys(TrustedKeys keys) {
        return new AuditVerifier(database, keys, checkpointInterval, anchors, anchorsGiven);
    }

    /** Also checks one anchor (e.g. a checkpoint published by hand). */
    public AuditVerifier withAnchor(Checkpoint checkpoint) {
        return withAnchors(new AnchorSet(List.of(Checks.present(checkpoint, "checkpoint")), List.of(), List.of()));
    }

    /** Checks the anchors read from a witness ({@link AnchorSet#from}). */
    public AuditVerifier withAnchors(AnchorSet set) {
        List<Checkpoint> all = new ArrayList<>(anchors.anchors());
        all.addAll(set.anchors());
        List<String> warnings = new ArrayList<>(anchors.warnings());
        warnings.addAll(set.warnings());
        List<String> failures = new ArrayList<>(anchors.failures());
        failures.addAll(set.failures());
        return new AuditVerifier(database, trustedKeys, checkpointInterval, new AnchorSet(all, warnings, failures),
                true);
    }

    /** Walks the whole chain; memory use does not grow with its length (only with the number of anchors). */
    public AuditVerification verify() {
        return report().verification();
    }

    AuditVerification verify(int pageSize) {
        return report(pageSize).verification();
    }

    /** The verdict with what it does not cover: unanchored and uncheckpointed tails, unfinished side effects. */
    public AuditReport report() {
        return report(ChainVerifier.PAGE);
    }

    AuditReport report(int pageSize) {
        List<String> failures = new ArrayList<>(anchors.failures());
        List<Checkpoint> trusted = new ArrayList<>();
        for (Checkpoint anchor : anchors.anchors()) {
            if (trustedKeys.signed(anchor)) {
                trusted.add(anchor);
            } else if (failures.size() < AnchorSet.MAX_PROBLEMS) {
                failures.add("the anchor for record " + anchor.sequence() + " (key id " + anchor.keyId()
                        + ") is not signed by a trusted key: it was forged, or the signing key was replaced");
            }
        }
        ChainVerifier.Walk walk;
        try (Connection c = database.getConnection()) {
            Dialect dialect = Dialect.of(c);
            dialect.configure(c, SqliteSync.NORMAL);
            c.setAutoCommit(true);
            walk = new ChainVerifier(c, trustedKeys, checkpointInterval, trusted, pageSize).walk(dialect);
        } catch (SQLException | RuntimeException e) {
            walk = new ChainVerifier.Walk(new AuditVerification.Broken(0, "the audit log could not be read: "
                    + e.getMessage()), 0, 0, 0, 0, List.of());
        }
        AuditVerification verification = walk.verification();
        if (verification.intact() && !failures.isEmpty()) {
            long at = anchors.anchors().stream().filter(a -> !trustedKeys.signed(a)).mapToLong(Checkpoint::sequence)
                    .min().orElse(0);
            verification = new AuditVerification.Broken(at, "anchor problem: " + failures.getFirst());
        }
        return new AuditReport(verification, walk.records(), walk.lastCheckpoint(), anchorsGiven,
                walk.anchorsMatched(), walk.lastAnchor(), anchors.warnings(), failures, walk.unfinished(),
                walk.base(), walk.anchorsBeforeBase());
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

    /** The anchor given first, if any (kept for callers of the single-anchor form). */
    public Optional<Checkpoint> anchor() {
        return anchors.anchors().stream().findFirst();
    }
}
