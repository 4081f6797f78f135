package dev.bulwark.data.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack corpus against PostgreSQL. The connector connects as the superuser on purpose: the rewrite, the
 * allow-lists and the read-only transaction must hold without help from database privileges.
 */
class PostgresAttackCorpusTest {
    private static EmbeddedPostgres postgres;
    private static SqlConnector connector;
    private static DataSource oracle;

    @BeforeAll
    static void plant() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE real_data");
            statement.execute("CREATE DATABASE oracle_data");
        }
        DataSource real = postgres.getDatabase("postgres", "real_data");
        oracle = postgres.getDatabase("postgres", "oracle_data");
        try (Connection connection = real.getConnection()) {
            PlantedData.create(connection, false);
        }
        try (Connection connection = oracle.getConnection()) {
            PlantedData.create(connection, true);
        }
        connector = AttackCorpus.connector(SqlDialect.POSTGRESQL, real);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static List<String> attacks() throws Exception {
        return AttackCorpus.attacks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attackLeaksNothing(String attack) throws Exception {
        AttackCorpus.assertNoLeak(connector, oracle, attack);
    }
}
