package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditLogTest extends TamperingContract {
    @TempDir
    Path dir;
    private int databases;

    @Override
    DataSource freshDatabase() {
        return new UrlDataSource("jdbc:sqlite:" + dir.resolve("audit-" + (++databases) + ".db"), new Properties());
    }

    @Override
    void failInserts(boolean fail) throws SQLException {
        sql(fail
                ? "CREATE TRIGGER fail_inserts BEFORE INSERT ON audit_record BEGIN SELECT RAISE(ABORT, 'injected'); END"
                : "DROP TRIGGER fail_inserts");
    }

    @Test
    void runsInWalMode() throws SQLException {
        open().close();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void embeddedDataDirectoryHoldsDatabaseAndOwnerOnlyKeyAndVerifiesFromTheCli() throws Exception {
        Path data = dir.resolve("data");
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, AuditLogOptions.defaults().withCheckpointInterval(5)
                .withCheckpointPeriod(java.time.Duration.ZERO))) {
            appendAll(log, 1, 12);
        }
        Path key = data.resolve("keys").resolve(JdbcAuditLog.KEY_FILE);
        assertThat(data.resolve(JdbcAuditLog.DATABASE_FILE)).isRegularFile();
        assertThat(data.resolve(JdbcAuditLog.KEY_FILE)).as("not beside audit.db").doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        AuditVerification verification = AuditVerifier.ofEmbedded(data, 5).verify();

        assertThat(verification).isEqualTo(new AuditVerification.Intact(12, 3));
        assertThat(AuditVerifier.describe(verification))
                .isEqualTo("audit log intact: 12 records, 3 signed checkpoints verified");
        try (JdbcAuditLog reopened = JdbcAuditLog.openEmbedded(data, AuditLogOptions.defaults())) {
            assertThat(reopened.signer().keyId()).isEqualTo(TrustedKeys.fromKeyFile(key).key(
                    reopened.signer().keyId()).map(TrustedKeys::keyIdOf).orElseThrow());
        }
    }

    @Test
    void verifierOfAMissingDirectoryFailsClearly() {
        assertThatThrownBy(() -> AuditVerifier.ofEmbedded(dir.resolve("nowhere"), 1000))
                .hasMessageContaining("no audit database at");
    }

    @Test
    void brokenVerificationIsDescribedWithItsRecord() throws SQLException {
        sealedLogOf35();
        sql("DELETE FROM audit_record WHERE sequence = 3");
        assertThat(AuditVerifier.describe(verifyNow()))
                .startsWith("audit log BROKEN at record 3: record 3 is missing");
    }

    @Test
    void verifierReportsAMissingSchemaAsNotIntact() {
        AuditVerification verification = new AuditVerifier(freshDatabase(), TrustedKeys.of(signer.publicKey()), 10)
                .verify();
        assertThat(verification.intact()).isFalse();
        assertThat(((AuditVerification.Broken) verification).problem()).contains("could not be read");
    }

    @Test
    void appendsFailInsteadOfWaitingForeverWhenTheWriterIsBlocked() throws SQLException {
        AuditLogOptions tight = options().withQueue(1, 1).withAppendTimeout(java.time.Duration.ofSeconds(1));
        try (JdbcAuditLog log = JdbcAuditLog.open(database, signer, tight);
             Connection blocker = database.getConnection()) {
            try (Statement s = blocker.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // another process holds the write lock
            }

            assertThatThrownBy(() -> log.append(TestEvents.event(1))).isInstanceOf(AuditException.class);
            assertThatThrownBy(() -> log.append(TestEvents.event(2))).isInstanceOf(AuditException.class);
            assertThatThrownBy(() -> log.append(TestEvents.event(3))).isInstanceOf(AuditException.class)
                    .hasMessageContaining("overloaded");

            try (Statement s = blocker.createStatement()) {
                s.execute("COMMIT");
            }
            AuditRecord next = log.append(TestEvents.event(4));
            List<Object> indexes = log.read(1, 10).stream().map(r -> r.event().details().get("index")).toList();
            // the request already being written when its caller gave up may land; queued ones were withdrawn
            assertThat(indexes).doesNotContain(2L, 3L).endsWith(4L);
            assertThat(next.sequence()).isEqualTo(indexes.size());
            assertThat(log.verify().intact()).isTrue();
        }
    }

    @Test
    void readOnlyViewReadsWithoutWritingAndReportsCorruptRows() throws SQLException {
        Path data = dir.resolve("view");
        List<AuditRecord> appended;
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, options())) {
            appended = appendAll(log, 1, 5);
        }
        AuditRecords view = AuditRecords.ofEmbedded(data);
        Checkpoint sealed = view.latestCheckpoint().orElseThrow();

        assertThat(view.tail(2)).isEqualTo(appended.subList(3, 5));
        assertThat(view.read(2, 2)).isEqualTo(appended.subList(1, 3));
        assertThat(view.latestCheckpoint()).contains(sealed);
        assertThat(sealed.sequence()).isEqualTo(5);

        try (Connection c = java.sql.DriverManager.getConnection(JdbcAuditLog.embeddedUrl(data));
             Statement s = c.createStatement()) {
            s.execute("UPDATE audit_record SET outcome = 'MAYBE' WHERE sequence = 4");
        }
        assertThatThrownBy(() -> view.tail(2)).isInstanceOf(AuditException.class)
                .hasMessageContaining("audit record 4 is corrupt");
        assertThatThrownBy(() -> AuditRecords.ofEmbedded(dir.resolve("none")))
                .hasMessageContaining("no audit database");
    }
}
