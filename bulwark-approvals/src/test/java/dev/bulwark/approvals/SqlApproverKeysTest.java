package dev.bulwark.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.JdbcUrlDataSource;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlApproverKeysTest {
    @TempDir
    Path dir;

    @Test
    void aKeyNamesItsUserAndNothingElseMatches() {
        SqlApproverKeys keys = new SqlApproverKeys(JdbcUrlDataSource.sqliteWal(dir.resolve("k.db")), Clock.systemUTC());
        String bob = keys.issue("bob");
        String carol = keys.issue("carol_x");
        assertThat(keys.userOf(bob)).contains("bob");
        assertThat(keys.userOf(carol)).contains("carol_x");
        // Carol's secret under Bob's name, a truncated key, garbage and nothing are all refused.
        assertThat(keys.userOf("bwa_bob_" + carol.substring(carol.length() - 43))).isEmpty();
        assertThat(keys.userOf(bob.substring(0, bob.length() - 1))).isEmpty();
        assertThat(keys.userOf("bwk_bob_" + bob.substring(bob.length() - 43))).isEmpty();
        assertThat(keys.userOf(null)).isEmpty();
        assertThat(keys.userOf("x".repeat(10_000))).isEmpty();
    }

    @Test
    void reissuingOrRevokingRetiresTheOldKey() {
        SqlApproverKeys keys = new SqlApproverKeys(JdbcUrlDataSource.sqliteWal(dir.resolve("k.db")), Clock.systemUTC());
        String first = keys.issue("bob");
        String second = keys.issue("bob");
        assertThat(keys.userOf(first)).isEmpty();
        assertThat(keys.userOf(second)).contains("bob");
        assertThat(keys.revoke("bob")).isTrue();
        assertThat(keys.userOf(second)).isEmpty();
    }
}
