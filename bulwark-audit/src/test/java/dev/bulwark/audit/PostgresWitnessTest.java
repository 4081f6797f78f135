package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PostgreSQL audit log anchored at a second PostgreSQL database. */
class PostgresWitnessTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Test
    void truncationOfAPostgresLogIsCaughtByAPostgresWitness() throws Exception {
        DataSource audit = postgres.freshDatabase("audit");
        String witnessUrl = postgres.freshDatabaseUrl("witness");
        CheckpointSigner signer = CheckpointSigner.generate();
        AnchorPublisher publisher = new AnchorPublisher(List.of(JdbcWitness.open(witnessUrl, new Properties())),
                Duration.ofSeconds(5), false, Clock.systemUTC());
        try (JdbcAuditLog log = JdbcAuditLog.open(audit, signer, AuditLogOptions.defaults().withCheckpointInterval(5)
                .withCheckpointPeriod(Duration.ZERO), publisher)) {
            for (int i = 1; i <= 12; i++) {
                log.append(TestEvents.event(i));
            }
        }
        AnchorSet held = AnchorSet.from(witnessUrl, new Properties());
        assertThat(held.anchors()).extracting(Checkpoint::sequence).contains(12L);
        assertThat(held.warnings()).isEmpty();

        new Attacker(audit).truncateAfter(5);

        AuditVerifier verifier = new AuditVerifier(audit, TrustedKeys.of(signer.publicKey()), 5);
        assertThat(verifier.verify()).isEqualTo(new AuditVerification.Intact(5, 1));
        assertThat(verifier.withAnchors(held).verify()).isInstanceOfSatisfying(AuditVerification.Broken.class,
                b -> assertThat(b.problem()).contains("truncated"));
    }

    @Test
    void publishingTheSameAnchorTwiceKeepsOneRow() throws Exception {
        String witnessUrl = postgres.freshDatabaseUrl("witness");
        Checkpoint c = CheckpointSigner.generate().sign(3, "ab".repeat(32), java.time.Instant.now());
        try (JdbcWitness witness = JdbcWitness.open(witnessUrl, new Properties())) {
            witness.publish(c.anchor());
            witness.publish(c.anchor());
        }

        assertThat(AnchorSet.from(witnessUrl, new Properties()).anchors()).containsExactly(c);
    }
}
