package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import java.sql.Connection;

/** Utility on PostgreSQL: the benign corpora must be answered exactly as the oracle answers them. */
class PostgresUtilityTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
    private static SqlConnector connector;
    private static DataSource oracle;

    @BeforeAll
    static void plant() throws Exception {
        DataSource real = postgres.createDatabase("utility_real");
        oracle = postgres.createDatabase("utility_oracle");
        try (Connection connection = real.getConnection()) {
            PlantedData.create(connection, false);
        }
        try (Connection connection = oracle.getConnection()) {
            PlantedData.create(connection, true);
        }
        connector = AttackCorpus.connector(SqlDialect.POSTGRESQL, real);
    }

    @Test
    void answersTheAnalyticsCorpusLikeTheOracle() throws Exception {
        BenignCorpus.Tally tally = BenignCorpus.run(connector, oracle,
                BenignCorpus.queries("analytics.txt", SqlDialect.POSTGRESQL));
        report("postgres analytics", tally);
        assertThat(tally.failures()).isEmpty();
    }

    @Test
    void answersTheHoldoutCorpusLikeTheOracle() throws Exception {
        BenignCorpus.Tally tally = BenignCorpus.run(connector, oracle,
                BenignCorpus.queries("holdout.txt", SqlDialect.POSTGRESQL));
        report("postgres holdout", tally);
        assertThat(tally.failures()).isEmpty();
    }

    private static void report(String name, BenignCorpus.Tally tally) throws Exception {
        SqliteUtilityTest.report(name, tally);
    }
}
