package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The attack corpus against SQLite, with the connector on a read-only data source. */
class SqliteAttackCorpusTest {
    private static Path directory;
    private static SqlConnector connector;
    private static SQLiteDataSource oracle;

    @BeforeAll
    static void plant() throws Exception {
        directory = Files.createTempDirectory("bulwark-sql-attacks");
        connector = AttackCorpus.connector(SqlDialect.SQLITE, database(directory.resolve("real.db"), false));
        oracle = database(directory.resolve("oracle.db"), true);
    }

    static SQLiteDataSource database(Path file, boolean oracle) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            PlantedData.create(connection, oracle);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    @AfterAll
    static void removeFiles() throws Exception {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    static List<String> attacks() throws Exception {
        return AttackCorpus.attacks();
    }

    @Test
    void corpusHasAtLeastOneHundredAttacks() throws Exception {
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void mostAttacksAreAnsweredSoTheOracleComparisonMatters() throws Exception {
        int answered = 0;
        for (String attack : attacks()) {
            answered += AttackCorpus.assertNoLeak(connector, oracle, attack) ? 1 : 0;
        }
        Files.writeString(Path.of("target", "attacks-answered-sqlite.txt"),
                answered + "/" + attacks().size() + " attacks answered (safely) rather than refused\n");
        assertThat(answered).isGreaterThanOrEqualTo(80);
    }

    @Test
    void corpusDetectsTheLeaksOfABrokenPolicy() throws Exception {
        SqlConnector broken = AttackCorpus.connector(SqlDialect.SQLITE,
                database(directory.resolve("broken.db"), false), AttackCorpus.permissivePolicy());
        int detected = 0;
        for (String attack : attacks()) {
            try {
                AttackCorpus.assertNoLeak(broken, oracle, attack);
            } catch (AssertionError leak) {
                detected++;
            }
        }
        assertThat(detected).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attackLeaksNothing(String attack) throws Exception {
        AttackCorpus.assertNoLeak(connector, oracle, attack);
    }
}
