package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwitchableDataSourceTest {
    @TempDir
    Path dir;

    private SwitchableDataSource database() {
        return new SwitchableDataSource(new JdbcUrlDataSource("jdbc:sqlite:" + dir.resolve("switch.db")));
    }

    @Test
    void handsOutWorkingConnectionsUntilCutOff() throws SQLException {
        SwitchableDataSource database = database();
        assertThat(database.isCutOff()).isFalse();
        try (Connection c = database.getConnection()) {
            assertThat(one(c)).isEqualTo(1);
        }
    }

    @Test
    void refusesNewConnectionsWhileCutOff() {
        SwitchableDataSource database = database();
        database.cutOff();
        assertThat(database.isCutOff()).isTrue();
        assertThatThrownBy(database::getConnection).isInstanceOf(SQLException.class)
                .hasMessage("injected outage: database unreachable");
        assertThatThrownBy(() -> database.getConnection("user", "secret")).isInstanceOf(SQLException.class)
                .hasMessageContaining("injected outage");
    }

    @Test
    void connectionsAlreadyOpenFailWhileCutOffButStillClose() throws SQLException {
        SwitchableDataSource database = database();
        Connection open = database.getConnection();
        database.cutOff();
        assertThatThrownBy(open::createStatement).isInstanceOf(SQLException.class)
                .hasMessage("injected outage: connection lost");
        open.close();
        database.reconnect();
        assertThat(open.isClosed()).as("the real connection was closed during the outage").isTrue();
    }

    @Test
    void worksAgainAfterReconnecting() throws SQLException {
        SwitchableDataSource database = database();
        Connection open = database.getConnection();
        database.cutOff();
        database.reconnect();
        assertThat(one(open)).isEqualTo(1);
        open.close();
        try (Connection c = database.getConnection()) {
            assertThat(one(c)).isEqualTo(1);
        }
    }

    @Test
    void passesTheDatabasesOwnErrorsThrough() throws SQLException {
        try (Connection c = database().getConnection()) {
            assertThatThrownBy(() -> c.prepareStatement("SELEKT nonsense")).isInstanceOf(SQLException.class)
                    .hasMessageNotContaining("injected");
        }
    }

    @Test
    void refusesNoDatabase() {
        assertThatThrownBy(() -> new SwitchableDataSource(null)).isInstanceOf(NullPointerException.class);
    }

    private static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
            r.next();
            return r.getInt(1);
        }
    }
}
