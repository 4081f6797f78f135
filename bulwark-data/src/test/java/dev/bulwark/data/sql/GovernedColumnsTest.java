package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import dev.bulwark.testkit.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Results mark the cells of output columns computed only from columns the policy decides ({@code screen: false},
 * shown or masked); anything that reads a free-text column, a subquery, a derived table or a set operation stays
 * unmarked, so it is still screened.
 */
class GovernedColumnsTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
    private static final Map<SqlDialect, SqlConnector> CONNECTORS = new java.util.EnumMap<>(SqlDialect.class);

    @BeforeAll
    static void plant() throws Exception {
        Path dir = Files.createTempDirectory("bulwark-governed");
        CONNECTORS.put(SqlDialect.SQLITE, connector(SqlDialect.SQLITE,
                SqliteAttackCorpusTest.database(dir.resolve("g.db"), false)));
        DataSource pg = postgres.createDatabase("governed");
        try (Connection c = pg.getConnection()) {
            PlantedData.create(c, false);
        }
        CONNECTORS.put(SqlDialect.POSTGRESQL, connector(SqlDialect.POSTGRESQL, pg));
    }

    /** The fixture policy with name, region and email (hashed for support) decided by policy; the rest screened. */
    private static SqlConnector connector(SqlDialect dialect, DataSource data) {
        List<TablePolicy> tables = new ArrayList<>();
        for (TablePolicy t : Fixtures.policy().tables()) {
            tables.add(new TablePolicy(t.name(), t.schema(), t.columns().stream()
                    .map(c -> t.name().equals("customers") && List.of("name", "region", "email").contains(c.name())
                            ? c.decidedByPolicy() : c).toList(), t.rules()));
        }
        return new SqlConnector(new SqlConnectorConfig("db", dialect, new SqlDataPolicy(tables), 100,
                Duration.ofSeconds(5), false, SqlLimits.DEFAULT), data, (p, t) -> true, Fixtures.HASH_KEY);
    }

    private static List<String> governedCells(SqlDialect dialect, String sql) throws Exception {
        SqlConnector connector = CONNECTORS.get(dialect);
        ToolResult result = connector.call(new ToolCall("c", connector.tools().getFirst(), Map.of("sql", sql),
                Fixtures.support(), "s"), ProgressListener.IGNORE);
        assertThat(result.error()).as(result.joinedText()).isFalse();
        Content.Text text = (Content.Text) result.content().getFirst();
        return text.governed().stream().map(s -> text.text().substring(s.start(), s.end())).toList();
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void marksPlainReferencesToPolicyDecidedColumns(SqlDialect dialect) throws Exception {
        assertThat(governedCells(dialect, "SELECT name, notes FROM customers ORDER BY id"))
                .containsExactly("\"Ann\"", "\"Ben\"", "\"Cid\"", "\"Dee\"");
        assertThat(governedCells(dialect, "SELECT c.name AS n, o.amount FROM customers c JOIN orders o "
                + "ON o.customer_id = c.id WHERE o.id = 1")).containsExactly("\"Ann\"");
        assertThat(governedCells(dialect, "SELECT upper(name) || '/' || region FROM customers WHERE id = 1"))
                .containsExactly("\"ANN/EU\"");
        // A column the policy decides is governed whether the rule shows or masks it (email is hashed here).
        assertThat(governedCells(dialect, "SELECT * FROM customers WHERE id = 2")).containsExactly("\"Ben\"",
                "\"" + Fixtures.hashMask("CANARY_MAIL_2@x.test") + "\"", "\"NA\"");
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void leavesEverythingElseToScreening(SqlDialect dialect) throws Exception {
        for (String sql : List.of("SELECT notes AS name FROM customers", "SELECT upper(notes) FROM customers",
                "SELECT name || notes FROM customers", "SELECT ssn FROM customers",
                "SELECT coalesce(name, (SELECT max(notes) FROM customers)) FROM customers",
                "SELECT lag(name) OVER (ORDER BY notes) FROM customers", "SELECT name FROM customers UNION SELECT notes FROM customers",
                "SELECT notes FROM customers UNION ALL SELECT name FROM customers",
                "WITH u AS (SELECT name FROM customers UNION ALL SELECT notes FROM customers) SELECT name FROM u",
                "SELECT (SELECT max(notes) FROM customers) AS name FROM customers",
                "SELECT x.n FROM (SELECT c.notes AS n FROM customers c) x",
                "SELECT x.name FROM (SELECT notes AS name FROM customers) x",
                "SELECT name FROM customers NATURAL JOIN orders")) {
            assertThat(governedCells(dialect, sql)).as(sql).isEmpty();
        }
    }
}
