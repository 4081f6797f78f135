package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack corpus against PostgreSQL. The connector connects as the superuser on purpose: the rewrite, the
 * allow-lists and the read-only transaction must hold without help from database privileges.
 */
class PostgresAttackCorpusTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
    private static SqlConnector connector;
    private static DataSource oracle;
    private static DataSource real;

    @BeforeAll
    static void plant() throws Exception {
        real = postgres.createDatabase("real_data");
        oracle = postgres.createDatabase("oracle_data");
        try (Connection connection = real.getConnection()) {
            PlantedData.create(connection, false);
        }
        try (Connection connection = oracle.getConnection()) {
            PlantedData.create(connection, true);
        }
        connector = AttackCorpus.connector(SqlDialect.POSTGRESQL, real);
    }

    static List<String> attacks() throws Exception {
        return AttackCorpus.attacks();
    }

    @Test
    void mostAttacksAreAnsweredSoTheOracleComparisonMatters() throws Exception {
        int answered = 0;
        for (String attack : attacks()) {
            answered += AttackCorpus.assertNoLeak(connector, oracle, attack) ? 1 : 0;
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "attacks-answered-postgres.txt"),
                answered + "/" + attacks().size() + " attacks answered (safely) rather than refused\n");
        assertThat(answered).isGreaterThanOrEqualTo(80);
    }

    @Test
    void thePolicyMatchesTheDatabase() throws Exception {
        connector.verifySchema();
    }

    @Test
    void executorRefusesWritesEvenAsSuperuser() {
        ReadOnlyExecutor executor = new ReadOnlyExecutor(real, SqlDialect.POSTGRESQL, Duration.ofSeconds(2));
        QueryPlan write = new QueryPlan("INSERT INTO public.products VALUES (9, 'x', 1)", List.of(), List.of(),
                Set.of(), 10);
        assertThatThrownBy(() -> executor.run(write)).isInstanceOf(SQLException.class)
                .hasMessageContaining("read-only");
    }

    @Test
    void stopsQueriesThatRunPastTheTimeout() throws Exception {
        SqlConnector quick = new SqlConnector(new SqlConnectorConfig("db", SqlDialect.POSTGRESQL, Fixtures.policy(),
                10, Duration.ofMillis(500), false, SqlLimits.DEFAULT), real, (p, t) -> true, Fixtures.HASH_KEY);
        ToolResult result = quick.call(new ToolCall("c1", quick.tools().getFirst(), Map.of("sql",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"),
                Fixtures.support(), "s1"), ProgressListener.IGNORE);
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).contains("statement timeout");
    }

    @Test
    void databaseErrorsDoNotRevealTheRewrite() throws Exception {
        for (String sql : List.of("SELECT ctid FROM customers", "SELECT xmin FROM customers")) {
            ToolResult result = connector.call(new ToolCall("c1", connector.tools().getFirst(), Map.of("sql", sql),
                    Fixtures.support(), "s1"), ProgressListener.IGNORE);
            assertThat(result.error()).isTrue();
            assertThat(result.joinedText()).startsWith("the database refused the query: unknown column")
                    .doesNotContain("does not exist").doesNotContain("$").doesNotContain("bytea");
        }
    }

    @Test
    void hashMasksAreTheKeyedHashJavaComputes() throws Exception {
        ToolResult result = connector.call(new ToolCall("c1", connector.tools().getFirst(), Map.of("sql",
                "SELECT email FROM customers WHERE id = 1"), Fixtures.support(), "s1"), ProgressListener.IGNORE);
        assertThat(result.joinedText()).contains(Fixtures.hashMask("CANARY_MAIL_1@x.test"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attackLeaksNothing(String attack) throws Exception {
        AttackCorpus.assertNoLeak(connector, oracle, attack);
    }
}
