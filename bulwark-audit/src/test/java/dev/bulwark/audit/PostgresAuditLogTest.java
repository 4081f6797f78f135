package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole contract on PostgreSQL, plus several gateways appending to one chain. One server for the class. */
class PostgresAuditLogTest extends TamperingContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    @Override
    DataSource freshDatabase() throws SQLException {
        return postgres.freshDatabase("audit");
    }

    @Override
    void failInserts(boolean fail) throws SQLException {
        if (fail) {
            sql("CREATE FUNCTION fail_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$"
                    + " LANGUAGE plpgsql",
                    "CREATE TRIGGER fail_inserts BEFORE INSERT ON audit_record FOR EACH ROW EXECUTE FUNCTION fail_insert()");
        } else {
            sql("DROP TRIGGER fail_inserts ON audit_record", "DROP FUNCTION fail_insert()");
        }
    }

    @Test
    void twoGatewaysAppendingConcurrentlyExtendOneGaplessChain() throws Exception {
        CheckpointSigner otherSigner = CheckpointSigner.generate();
        AuditLogOptions trustingBoth = options().withTrustedKeys(TrustedKeys.of(otherSigner.publicKey()));
        int threadsPerGateway = 8;
        int each = 40;
        List<Long> sequences = new ArrayList<>();
        try (JdbcAuditLog first = JdbcAuditLog.open(database, signer, trustingBoth);
             JdbcAuditLog second = JdbcAuditLog.open(database, otherSigner, options())) {
            ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerGateway);
            List<Future<List<AuditRecord>>> results = new ArrayList<>();
            for (int t = 0; t < 2 * threadsPerGateway; t++) {
                JdbcAuditLog gateway = t % 2 == 0 ? first : second;
                int base = t * each;
                results.add(pool.submit(() -> {
                    List<AuditRecord> appended = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        appended.add(gateway.append(TestEvents.event(base + i)));
                    }
                    return appended;
                }));
            }
            for (Future<List<AuditRecord>> f : results) {
                f.get().forEach(r -> sequences.add(r.sequence()));
            }
            pool.shutdown();

            int total = 2 * threadsPerGateway * each;
            assertThat(sequences).doesNotHaveDuplicates().hasSize(total);
            assertThat(sequences.stream().mapToLong(Long::longValue).max()).hasValue(total);
            assertThat(first.verify()).isEqualTo(new AuditVerification.Intact(total, total / INTERVAL));
        }
        // both closed: the second close found the head already sealed by the first, or sealed it itself
        AuditVerification afterClose = new AuditVerifier(database,
                TrustedKeys.of(signer.publicKey(), otherSigner.publicKey()), INTERVAL)
                .verify();
        assertThat(afterClose.intact()).isTrue();
    }

    @Test
    void aGatewayThatDoesNotTrustTheOthersKeyReportsItsCheckpointsAsUntrusted() {
        CheckpointSigner otherSigner = CheckpointSigner.generate();
        try (JdbcAuditLog other = JdbcAuditLog.open(database, otherSigner, options())) {
            appendAll(other, 1, INTERVAL);
        }
        try (JdbcAuditLog mine = open()) {
            assertThat(mine.verify()).isInstanceOf(AuditVerification.Broken.class);
            assertThat(((AuditVerification.Broken) mine.verify()).problem()).contains("not trusted");
        }
    }
}
