package dev.bulwark.connectors.crm;

import dev.bulwark.connectors.Json;
import dev.bulwark.connectors.crm.Arguments.InvalidArgument;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo CRM connector {@code crm} on one SQLite file, created and seeded with fictional customers when absent.
 * One connection serves all calls, one at a time: the demo favours simplicity over throughput.
 */
public final class SqliteCrmConnector implements Connector {
    private static final String COLUMNS = "id, name, email, phone, region, tier, notes, owner";

    private final Connection connection;

    /**
     * Opens (and if needed creates and seeds) the database.
     *
     * @throws ConnectorException when the file cannot be opened or initialised
     */
    public SqliteCrmConnector(Path databaseFile) throws ConnectorException {
        try {
            Path absolute = databaseFile.toAbsolutePath();
            if (absolute.getParent() != null) {
                java.nio.file.Files.createDirectories(absolute.getParent());
            }
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
            initialise();
        } catch (SQLException | java.io.IOException e) {
            throw new ConnectorException("cannot open the CRM database at " + databaseFile, e);
        }
    }

    private void initialise() throws SQLException {
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS customers (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL,
                      email TEXT NOT NULL,
                      phone TEXT NOT NULL,
                      region TEXT NOT NULL,
                      tier TEXT NOT NULL,
                      notes TEXT NOT NULL,
                      owner TEXT NOT NULL)""");
            boolean empty;
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM customers")) {
                empty = rows.next() && rows.getLong(1) == 0;
            }
            if (empty) {
                seed();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void seed() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO customers (name, email, phone, region, tier, notes, owner) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (CrmSeed.Customer c : CrmSeed.CUSTOMERS) {
                insert.setString(1, c.name());
                insert.setString(2, c.email());
                insert.setString(3, c.phone());
                insert.setString(4, c.region());
                insert.setString(5, c.tier());
                insert.setString(6, c.notes());
                insert.setString(7, c.owner());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public String name() {
        return CrmTools.CONNECTOR;
    }

    @Override
    public List<Tool> tools() {
        return CrmTools.ALL;
    }

    @Override
    public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
        String tool = call.tool().name();
        try {
            synchronized (connection) {
                return switch (tool) {
                    case "crm.find_customers" -> findCustomers(call.arguments());
                    case "crm.get_customer" -> getCustomer(call.arguments());
                    case "crm.update_customer_note" -> updateNote(call.arguments());
                    case "crm.delete_customer" -> deleteCustomer(call.arguments());
                    default -> throw new ConnectorException("the crm connector has no tool " + tool);
                };
            }
        } catch (InvalidArgument e) {
            return ToolResult.errorText("invalid arguments: " + e.getMessage());
        } catch (SQLException e) {
            throw new ConnectorException("the CRM database failed to carry out " + tool, e);
        }
    }

    private ToolResult findCustomers(Map<String, Object> args) throws InvalidArgument, SQLException {
        Arguments a = Arguments.of(args, Set.of("region", "name_contains", "limit"));
        Optional<String> region = a.optionalString("region", 1, CrmTools.MAX_REGION);
        Optional<String> fragment = a.optionalString("name_contains", 1, CrmTools.MAX_NAME_FRAGMENT);
        long limit = a.optionalInteger("limit", 1, CrmTools.MAX_LIMIT).orElse((long) CrmTools.DEFAULT_LIMIT);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM customers WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (region.isPresent()) {
            sql.append(" AND region = ?");
            parameters.add(region.get());
        }
        if (fragment.isPresent()) {
            // LIKE wildcards in the fragment are literal characters, not patterns.
            sql.append(" AND lower(name) LIKE ? ESCAPE '\\'");
            parameters.add("%" + escapeLike(fragment.get().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        sql.append(" ORDER BY id LIMIT ?");
        parameters.add(limit);
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            return ToolResult.text(Json.write(rows(query)));
        }
    }

    private ToolResult getCustomer(Map<String, Object> args) throws InvalidArgument, SQLException {
        long id = Arguments.of(args, Set.of("id")).requiredId("id", CrmTools.MAX_ID);
        return selectOne(id).map(row -> ToolResult.text(Json.write(row)))
                .orElseGet(() -> noSuchCustomer(id));
    }

    private ToolResult updateNote(Map<String, Object> args) throws InvalidArgument, SQLException {
        Arguments a = Arguments.of(args, Set.of("id", "note"));
        long id = a.requiredId("id", CrmTools.MAX_ID);
        String note = a.requiredString("note", CrmTools.MAX_NOTE);
        try (PreparedStatement update = connection.prepareStatement("UPDATE customers SET notes = ? WHERE id = ?")) {
            update.setString(1, note);
            update.setLong(2, id);
            if (update.executeUpdate() == 0) {
                return noSuchCustomer(id);
            }
        }
        return selectOne(id).map(row -> ToolResult.text(Json.write(row))).orElseGet(() -> noSuchCustomer(id));
    }

    private ToolResult deleteCustomer(Map<String, Object> args) throws InvalidArgument, SQLException {
        long id = Arguments.of(args, Set.of("id")).requiredId("id", CrmTools.MAX_ID);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            delete.setLong(1, id);
            if (delete.executeUpdate() == 0) {
                return noSuchCustomer(id);
            }
        }
        return ToolResult.text(Json.write(Map.of("deleted", id)));
    }

    private Optional<Map<String, Object>> selectOne(long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM customers WHERE id = ?")) {
            query.setLong(1, id);
            List<Map<String, Object>> rows = rows(query);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
        }
    }

    private static List<Map<String, Object>> rows(PreparedStatement query) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rs.getLong("id"));
                for (String column : List.of("name", "email", "phone", "region", "tier", "notes", "owner")) {
                    row.put(column, rs.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static ToolResult noSuchCustomer(long id) {
        return ToolResult.errorText("no customer with id " + id);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public void close() throws SQLException {
        synchronized (connection) {
            connection.close();
        }
    }
}
