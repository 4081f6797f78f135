package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.sql.KeptStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Pins in a SQL table, {@code bulwark_tool_pins}, created if absent. The SQL is understood by both SQLite (3.24 or
 * later) and PostgreSQL, so the embedded default and a shared PostgreSQL behave alike.
 */
public final class SqlToolPins implements ToolPins {
    private static final String COLUMNS =
            "tool, connector, status, approved_hash, seen_hash, seen_description, seen_input_schema, seen_execution,"
                    + " approved_execution, updated_at";

    /** Asked before every call: kept prepared per pooled connection (SQLite plans the text on every prepare). */
    private static final String ALLOWS = "SELECT 1 FROM bulwark_tool_pins WHERE tool = ?"
            + " AND status = 'APPROVED' AND approved_hash = ? AND seen_hash = ?"
            + " AND seen_description IS NOT NULL AND seen_input_schema IS NOT NULL";

    private final DataSource dataSource;
    private final KeptStatements kept = new KeptStatements();

    /**
     * @throws PinStoreException when the table cannot be created
     */
    public SqlToolPins(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS bulwark_tool_pins (
                      tool VARCHAR(200) PRIMARY KEY,
                      connector VARCHAR(64) NOT NULL,
                      status VARCHAR(16) NOT NULL,
                      approved_hash VARCHAR(64),
                      seen_hash VARCHAR(64) NOT NULL,
                      seen_description TEXT NOT NULL,
                      seen_input_schema TEXT NOT NULL,
                      updated_at BIGINT NOT NULL)""");
            // added with execution (task support) in pins: tables made before get the columns, empty
            for (String column : List.of("seen_execution", "approved_execution")) {
                if (!hasColumn(c, column)) {
                    try {
                        s.execute("ALTER TABLE bulwark_tool_pins ADD COLUMN " + column + " TEXT");
                    } catch (SQLException e) {
                        if (!hasColumn(c, column)) { // not added meanwhile by another gateway on the same database
                            throw e;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new PinStoreException("cannot create the tool pin table", e);
        }
    }

    @Override
    public Optional<ToolPin> find(String tool) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM bulwark_tool_pins WHERE tool = ?")) {
            q.setString(1, tool);
            List<ToolPin> pins = read(q);
            return pins.isEmpty() ? Optional.empty() : Optional.of(pins.getFirst());
        } catch (SQLException e) {
            throw new PinStoreException("cannot read the pin of " + tool, e);
        }
    }

    /**
     * Reads only what the answer depends on (an approved pin's status and hashes), not the description and schema
     * kept for review: this is asked before every call. A row that is approved but whose approved and seen hashes
     * differ is not a valid pin and approves nothing, as {@link #find} refuses it; review fields are not looked at
     * (they never decide a call), except that they must be present. The database is read on every call (another
     * gateway on it may have approved or blocked the tool); only the statement is kept prepared per connection.
     */
    @Override
    public boolean allows(String tool, String definitionHash) {
        try (Connection c = dataSource.getConnection()) {
            return kept.use(c, ALLOWS, q -> {
                q.setString(1, tool);
                q.setString(2, definitionHash);
                q.setString(3, definitionHash);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            });
        } catch (SQLException e) {
            throw new PinStoreException("cannot read the pin of " + tool, e);
        }
    }

    @Override
    public List<ToolPin> list(String connector) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT " + COLUMNS + " FROM bulwark_tool_pins WHERE connector = ? ORDER BY tool")) {
            q.setString(1, connector);
            return read(q);
        } catch (SQLException e) {
            throw new PinStoreException("cannot list the pins of " + connector, e);
        }
    }

    @Override
    public void save(ToolPin pin) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("INSERT INTO bulwark_tool_pins (" + COLUMNS + ")"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tool) DO UPDATE SET"
                     + " connector = excluded.connector, status = excluded.status,"
                     + " approved_hash = excluded.approved_hash, seen_hash = excluded.seen_hash,"
                     + " seen_description = excluded.seen_description,"
                     + " seen_input_schema = excluded.seen_input_schema, seen_execution = excluded.seen_execution,"
                     + " approved_execution = excluded.approved_execution, updated_at = excluded.updated_at")) {
            u.setString(1, pin.tool());
            u.setString(2, pin.connector());
            u.setString(3, pin.status().name());
            u.setString(4, pin.approvedHash().orElse(null));
            u.setString(5, pin.seenHash());
            u.setString(6, pin.seenDescription());
            u.setString(7, pin.seenInputSchema());
            u.setString(8, pin.seenExecution());
            u.setString(9, pin.approvedExecution());
            u.setLong(10, pin.updatedAt().toEpochMilli());
            u.executeUpdate();
        } catch (SQLException e) {
            throw new PinStoreException("cannot save the pin of " + pin.tool(), e);
        }
    }

    private static boolean hasColumn(Connection c, String column) throws SQLException {
        // PostgreSQL keeps unquoted names in lower case, SQLite as written: both are lower case here
        try (ResultSet columns = c.getMetaData().getColumns(null, null, "bulwark_tool_pins", column)) {
            return columns.next();
        }
    }

    private static List<ToolPin> read(PreparedStatement query) throws SQLException {
        List<ToolPin> pins = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                try {
                    pins.add(new ToolPin(rs.getString("tool"), PinStatus.valueOf(rs.getString("status")),
                            Optional.ofNullable(rs.getString("approved_hash")), rs.getString("seen_hash"),
                            rs.getString("seen_description"), rs.getString("seen_input_schema"),
                            rs.getString("seen_execution"), rs.getString("approved_execution"),
                            Instant.ofEpochMilli(rs.getLong("updated_at"))));
                } catch (IllegalArgumentException | NullPointerException e) {
                    // A row that no longer forms a valid pin (edited by hand, corrupted) must not approve anything.
                    throw new SQLException("invalid pin row for " + rs.getString("tool") + ": " + e.getMessage(), e);
                }
            }
        }
        return pins;
    }
}
