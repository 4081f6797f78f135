package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored clients that a later registration rule refuses: unusable, left out of the list, deletable by id. */
class SqlOAuthClientsTest {
    @TempDir
    Path dir;

    @Test
    void aStoredClientThatNoLongerMeetsTheRulesCannotBeFoundButCanBeDeleted() throws Exception {
        Fixture f = new Fixture(dir);
        f.agent("helper");
        SqlOAuthClients clients = new SqlOAuthClients(f.dataSource, f.clock);
        OAuthClient kept = clients.register("Editor", List.of("https://app.example.com/cb"), "helper");
        OAuthClient legacy = clients.register("Legacy", List.of("https://old.example.com/cb"), "helper");
        // As a row written before names with direction overrides were refused.
        execute(f, "UPDATE " + OAuthSql.CLIENTS + " SET name = ? WHERE client_id = ?",
                "Legacy \u202Emoc.knab", legacy.clientId());

        assertThat(clients.find(legacy.clientId())).isEmpty();
        assertThat(clients.list()).extracting(OAuthClient::clientId).containsExactly(kept.clientId());

        assertThat(clients.delete(legacy.clientId())).isTrue();
        assertThat(rows(f)).isEqualTo(1);
        assertThat(clients.delete(legacy.clientId())).isFalse();
        assertThat(clients.delete("not-a-client-id")).isFalse();
        assertThat(clients.find(kept.clientId())).contains(kept);
    }

    private static void execute(Fixture f, String sql, String... values) throws Exception {
        try (Connection c = f.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static int rows(Fixture f) throws Exception {
        try (Connection c = f.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM " + OAuthSql.CLIENTS); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
