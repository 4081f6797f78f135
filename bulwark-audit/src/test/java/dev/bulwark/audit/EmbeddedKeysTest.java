package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKeysTest {
    @TempDir
    Path dir;

    private static AuditLogOptions options() {
        return AuditLogOptions.defaults().withCheckpointInterval(5).withCheckpointPeriod(Duration.ZERO);
    }

    /** Writes a log the way versions before witnesses did: key beside audit.db. */
    private Path oldDataDirectory() {
        Path data = dir.resolve("old");
        CheckpointSigner old = CheckpointSigner.loadOrCreate(data.resolve(JdbcAuditLog.KEY_FILE));
        try (JdbcAuditLog log = JdbcAuditLog.open(JdbcAuditLog.embeddedUrl(data), new java.util.Properties(), old,
                options())) {
            for (int i = 1; i <= 7; i++) {
                log.append(TestEvents.event(i));
            }
        }
        return data;
    }

    @Test
    void anOldDataDirectoryStillVerifiesBeforeItIsOpened() {
        Path data = oldDataDirectory();

        assertThat(AuditVerifier.ofEmbedded(data, 5).verify()).isEqualTo(new AuditVerification.Intact(7, 2));
    }

    @Test
    void openingAnOldDataDirectoryMovesItsKeyIntoKeysAndKeepsTheChainVerifying() throws Exception {
        Path data = oldDataDirectory();
        String oldKeyId = CheckpointSigner.loadOrCreate(data.resolve(JdbcAuditLog.KEY_FILE)).keyId();

        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, options())) {
            assertThat(log.signer().keyId()).as("the same key, moved").isEqualTo(oldKeyId);
            log.append(TestEvents.event(8));
        }

        assertThat(data.resolve(JdbcAuditLog.KEY_FILE)).doesNotExist();
        Path moved = EmbeddedKeys.keyFile(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(moved))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(moved.getParent())))
                .isEqualTo("rwx------");
        assertThat(AuditVerifier.ofEmbedded(data, 5).verify()).isEqualTo(new AuditVerification.Intact(8, 3));
    }

    @Test
    void aVerifierTrustsKeysAtBothPlaces_soAChainSignedByEitherVerifies() {
        Path data = oldDataDirectory();
        CheckpointSigner newer = CheckpointSigner.loadOrCreate(EmbeddedKeys.keyFile(data)); // both exist now
        try (JdbcAuditLog log = JdbcAuditLog.open(JdbcAuditLog.embeddedUrl(data), new java.util.Properties(), newer,
                options())) {
            log.append(TestEvents.event(8));
        }

        assertThat(EmbeddedKeys.trusted(data).size()).isEqualTo(2);
        assertThat(AuditVerifier.ofEmbedded(data, 5).verify().intact()).isTrue();
    }
}
