package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.audit.AuditVerification.Broken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tampering done with raw SQL, as someone with write access to the database but without the signing key would.
 * The log holds 35 records with checkpoints at 10, 20, 30 and (sealed on close) 35.
 */
abstract class TamperingContract extends AuditLogContract {

    List<AuditRecord> sealedLogOf35() {
        try (JdbcAuditLog log = open()) {
            return appendAll(log, 1, 35);
        }
    }

    /** Small pages, so every walk crosses page boundaries of both records and checkpoints. */
    AuditVerification verifyNow() {
        return verifier().verify(3);
    }

    AuditVerifier verifier() {
        return new AuditVerifier(database, TrustedKeys.of(signer.publicKey()), INTERVAL);
    }

    static void assertBroken(AuditVerification verification, long sequence, String problem) {
        assertThat(verification).isInstanceOf(Broken.class);
        Broken broken = (Broken) verification;
        assertThat(broken.problem()).contains(problem);
        assertThat(broken.sequence()).isEqualTo(sequence);
    }

    @Test
    void untouchedSealedLogIsIntact() {
        sealedLogOf35();
        assertThat(verifyNow()).isEqualTo(new AuditVerification.Intact(35, 4));
        assertThat(verifier().verify()).isEqualTo(new AuditVerification.Intact(35, 4));
        assertThat(verifier().verify(1)).isEqualTo(new AuditVerification.Intact(35, 4));
    }

    @Test
    void detectsAModifiedField() throws SQLException {
        sealedLogOf35();
        sql("UPDATE audit_record SET outcome = 'SUCCEEDED' WHERE sequence = 6");
        assertBroken(verifyNow(), 6, "record 6 was modified");
    }

    @Test
    void detectsModifiedDetails() throws SQLException {
        sealedLogOf35();
        sql("UPDATE audit_record SET details = REPLACE(details, 'pii', 'ok!') WHERE sequence = 7");
        assertBroken(verifyNow(), 7, "record 7 was modified");
    }

    @Test
    void detectsDetailsRewrittenOutOfCanonicalForm() throws SQLException {
        sealedLogOf35();
        sql("UPDATE audit_record SET details = REPLACE(details, ',', ', ') WHERE sequence = 8");
        assertBroken(verifyNow(), 8, "not canonical");
    }

    @Test
    void detectsAnUnknownEnumValue() throws SQLException {
        sealedLogOf35();
        sql("UPDATE audit_record SET type = 'NOTHING' WHERE sequence = 9");
        assertBroken(verifyNow(), 9, "record 9 was modified");
    }

    @Test
    void detectsADeletedMiddleRecord() throws SQLException {
        sealedLogOf35();
        sql("DELETE FROM audit_record WHERE sequence = 12");
        assertBroken(verifyNow(), 12, "record 12 is missing");
    }

    @Test
    void detectsADeletedAndRenumberedRecord() throws SQLException {
        sealedLogOf35();
        sql("DELETE FROM audit_record WHERE sequence = 12",
                "UPDATE audit_record SET sequence = sequence - 1 WHERE sequence > 12");
        assertBroken(verifyNow(), 12, "does not link");
    }

    @Test
    void detectsTwoSwappedRecords() throws SQLException {
        sealedLogOf35();
        sql("UPDATE audit_record SET sequence = -1 WHERE sequence = 14",
                "UPDATE audit_record SET sequence = 14 WHERE sequence = 15",
                "UPDATE audit_record SET sequence = 15 WHERE sequence = -1");
        assertBroken(verifyNow(), 14, "does not link");
    }

    @Test
    void detectsTruncationOfCheckpointedRecords() throws SQLException {
        sealedLogOf35();
        sql("DELETE FROM audit_record WHERE sequence > 29");
        assertBroken(verifyNow(), 30, "truncated");
    }

    @Test
    void detectsTruncationOfTheTailSealedOnClose() throws SQLException {
        sealedLogOf35();
        sql("DELETE FROM audit_record WHERE sequence > 33");
        assertBroken(verifyNow(), 34, "truncated: a signed checkpoint covers record 35 but the last record is 33");
    }

    @Test
    void detectsAForgedCheckpointSignature() throws SQLException {
        sealedLogOf35();
        String other = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        sql("UPDATE audit_checkpoint SET signature = '" + other + "' WHERE sequence = 20");
        assertBroken(verifyNow(), 20, "invalid signature");
    }

    @Test
    void detectsACheckpointMovedToAnotherRecord() throws SQLException {
        sealedLogOf35();
        sql("DELETE FROM audit_checkpoint WHERE sequence = 20",
                "UPDATE audit_checkpoint SET sequence = 20 WHERE sequence = 10");
        assertBroken(verifyNow(), 20, "invalid signature");
    }

    @Test
    void detectsAMalformedCheckpointRow() throws SQLException {
        sealedLogOf35();
        sql("UPDATE audit_checkpoint SET hash = 'zz' WHERE sequence = 30");
        assertBroken(verifyNow(), 30, "malformed");
    }

    @Test
    void detectsAChainRehashedWithoutTheKey() throws SQLException {
        List<AuditRecord> records = sealedLogOf35();
        sql("UPDATE audit_record SET action = 'innocent.call' WHERE sequence = 5");
        rehashFrom(5, records);

        assertBroken(verifyNow(), 10, "does not match its signed checkpoint");
    }

    @Test
    void detectsARehashedChainWhoseCheckpointsWereDeleted() throws SQLException {
        List<AuditRecord> records = sealedLogOf35();
        sql("UPDATE audit_record SET action = 'innocent.call' WHERE sequence = 5");
        rehashFrom(5, records);
        sql("DELETE FROM audit_checkpoint");

        assertBroken(verifyNow(), 1, "covered by no checkpoint");
    }

    @Test
    void detectsARehashedChainResignedWithAnotherKey() throws SQLException {
        List<AuditRecord> records = sealedLogOf35();
        sql("UPDATE audit_record SET action = 'innocent.call' WHERE sequence = 5");
        rehashFrom(5, records);
        sql("DELETE FROM audit_checkpoint");
        CheckpointSigner attacker = CheckpointSigner.generate();
        try (JdbcAuditLog forged = JdbcAuditLog.open(database, attacker, options())) {
            forged.checkpoint(); // the attacker's own log instance signs the rewritten head
        }
        insertCheckpointsSignedBy(attacker, 10, 20, 30);

        assertBroken(verifyNow(), 10, "not trusted");
    }

    @Test
    void detectsADeletedMiddleCheckpoint() throws SQLException {
        sealedLogOf35();
        sql("DELETE FROM audit_checkpoint WHERE sequence = 20");
        assertBroken(verifyNow(), 11, "records 11 to 29 are covered by no checkpoint");
    }

    @Test
    void acceptsAnUncheckpointedTailAsAfterACrash() {
        JdbcAuditLog log = open();
        appendAll(log, 1, 34);
        // not closed yet: records 31..34 have no checkpoint, as after a kill -9
        assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(34, 3));
        log.close();
    }

    @Test
    void tailTruncatedWithItsCheckpointsIsOnlyCaughtByAnExternalAnchor() throws SQLException {
        sealedLogOf35();
        Checkpoint anchor;
        try (JdbcAuditLog log = open()) {
            anchor = log.latestCheckpoint().orElseThrow();
        }
        sql("DELETE FROM audit_record WHERE sequence > 30", "DELETE FROM audit_checkpoint WHERE sequence > 30");

        // the documented limit: a valid shorter chain remains
        assertThat(verifyNow()).isEqualTo(new AuditVerification.Intact(30, 3));
        assertBroken(verifier().withAnchor(anchor).verify(4), 31, "external anchor covers record 35");
    }

    @Test
    void anchorSignedByAnUntrustedKeyIsRefused() {
        List<AuditRecord> records = sealedLogOf35();
        Checkpoint forged = CheckpointSigner.generate().sign(35, records.getLast().hash(), java.time.Instant.now());
        assertBroken(verifier().withAnchor(forged).verify(), 35, "anchor");
    }

    /** Recomputes every hash from {@code from} on, as an attacker without the key can. */
    void rehashFrom(long from, List<AuditRecord> original) throws SQLException {
        String rewritten = null;
        try (JdbcAuditLog reader = open()) {
            List<AuditRecord> stored = reader.read(1, 1000);
            String previous = stored.get((int) from - 2).hash();
            try (Connection c = database.getConnection();
                 PreparedStatement update = c.prepareStatement(
                         "UPDATE audit_record SET prev_hash = ?, hash = ? WHERE sequence = ?")) {
                for (AuditRecord record : stored.subList((int) from - 1, stored.size())) {
                    String hash = ChainHash.of(record.sequence(), previous, EventCodec.canonicalEvent(record.event()));
                    update.setString(1, previous);
                    update.setString(2, hash);
                    update.setLong(3, record.sequence());
                    update.executeUpdate();
                    previous = hash;
                    rewritten = rewritten == null ? hash : rewritten;
                }
            }
        }
        assertThat(rewritten).isNotEqualTo(original.get((int) from - 1).hash());
    }

    void insertCheckpointsSignedBy(CheckpointSigner attacker, long... sequences) throws SQLException {
        try (JdbcAuditLog reader = open();
             Connection c = database.getConnection();
             PreparedStatement insert = c.prepareStatement(StoredCheckpoint.INSERT)) {
            for (long sequence : sequences) {
                String hash = reader.read(sequence, 1).getFirst().hash();
                StoredCheckpoint.bind(insert, attacker.sign(sequence, hash, java.time.Instant.now()));
                insert.executeUpdate();
            }
        }
    }

    /** Retention on this database: a pruned log verifies from its base, small pages and all; tampering still shows. */
    @Test
    void aPrunedLogVerifiesFromItsBaseAndATamperAfterThePruneIsFound() throws SQLException {
        sealedLogOf35();
        try (JdbcAuditLog log = open()) {
            // TestEvents.event(i) is at 2026-01-02T03:04:05.123456Z + i s: records 1..24 are older than the cutoff
            Retention.Pruned pruned = log.prune(java.time.Instant.parse("2026-01-02T03:04:30.123456Z"));
            org.assertj.core.api.Assertions.assertThat(pruned.base()).isEqualTo(20);
        }
        AuditReport report = verifier().report(3);
        assertThat(report.intact()).as(String.join("\n", report.describe())).isTrue();
        assertThat(report.base()).isEqualTo(20);
        assertThat(new AuditRecords(database).firstSequence()).isEqualTo(20);

        sql("UPDATE audit_record SET reason = 'forged' WHERE sequence = 22");
        assertBroken(verifyNow(), 22, "record 22 was modified");
    }

    /** Queries on this database: column filters and the time window, a bounded page with a cursor. */
    @Test
    void queriesFilterByColumnsAndTimeAndPage() {
        sealedLogOf35();
        AuditRecords records = new AuditRecords(database);
        AuditQuery agent = AuditQuery.parse(java.util.Map.of("agent", "agent-1", "until", "2026-01-02T03:04:25Z",
                "limit", "3"), java.time.Instant.now());
        AuditPage first = records.query(agent);
        assertThat(first.records()).extracting(AuditRecord::sequence).containsExactly(1L, 5L, 9L);
        AuditPage second = records.query(agent.after(first.next().orElseThrow()));
        assertThat(second.records()).extracting(AuditRecord::sequence).containsExactly(13L, 17L);
        assertThat(second.next()).isEmpty();
    }
}
