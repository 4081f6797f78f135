package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Utility on SQLite: the benign corpora must be answered exactly as the oracle answers them. */
class SqliteUtilityTest {
    @TempDir
    static Path directory;
    private static SqlConnector connector;
    private static DataSource oracle;

    @BeforeAll
    static void plant() throws Exception {
        connector = AttackCorpus.connector(SqlDialect.SQLITE,
                SqliteAttackCorpusTest.database(directory.resolve("real.db"), false));
        oracle = SqliteAttackCorpusTest.database(directory.resolve("oracle.db"), true);
    }

    @Test
    void answersTheAnalyticsCorpusLikeTheOracle() throws Exception {
        BenignCorpus.Tally tally = BenignCorpus.run(connector, oracle,
                BenignCorpus.queries("analytics.txt", SqlDialect.SQLITE));
        report("sqlite analytics", tally);
        assertThat(tally.failures()).isEmpty();
    }

    @Test
    void answersTheHoldoutCorpusLikeTheOracle() throws Exception {
        BenignCorpus.Tally tally = BenignCorpus.run(connector, oracle,
                BenignCorpus.queries("holdout.txt", SqlDialect.SQLITE));
        report("sqlite holdout", tally);
        assertThat(tally.failures()).isEmpty();
    }

    static void report(String name, BenignCorpus.Tally tally) throws Exception {
        StringBuilder text = new StringBuilder(tally.summary(name)).append('\n');
        tally.failures().forEach(f -> text.append("  ").append(f).append('\n'));
        System.out.print(text);
        Files.writeString(Path.of("target", "utility-" + name.replace(' ', '-') + ".txt"), text);
    }
}
