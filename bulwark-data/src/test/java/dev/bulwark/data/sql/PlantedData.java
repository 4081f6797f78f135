package dev.bulwark.data.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The attack corpus's database. Every value the support principal must not see contains {@link #CANARY}: the rows
 * outside regions EU and NA, the values of its masked columns (email, ssn, notes), all of payroll, and the
 * unconfigured {@code secrets} table and {@code all_customers} view.
 *
 * <p>The <em>oracle</em> database holds exactly what support may see: permitted rows with masked values computed here
 * in Java. An accepted attack must return on the real database what it returns, run as written, on the oracle.
 */
final class PlantedData {
    static final String CANARY = "CANARY";

    private record Customer(int id, String name, String email, String region, String ssn, String owner, String notes) {
    }

    private static final List<Customer> CUSTOMERS = List.of(
            new Customer(1, "Ann", "CANARY_MAIL_1@x.test", "EU", "CANARY-SSN-1111", "alice", "CANARY_NOTE_1"),
            new Customer(2, "Ben", "CANARY_MAIL_2@x.test", "NA", "CANARY-SSN-2222", "bob", "CANARY_NOTE_2"),
            new Customer(3, "Cid", "CANARY_MAIL_3@x.test", "EU", "CANARY-SSN-3333", "alice", "CANARY_NOTE_3"),
            new Customer(4, "Dee", "CANARY_MAIL_4@x.test", "NA", "CANARY-SSN-4444", "carol", "CANARY_NOTE_4"),
            new Customer(5, "CANARY_SECRET_NAME_5", "CANARY_SECRET_5@x.test", "SECRET", "CANARY-SSN-5555", "mallory",
                    "CANARY_SECRET_NOTE_5"),
            new Customer(6, "CANARY_APAC_NAME_6", "CANARY_APAC_6@x.test", "APAC", "CANARY-SSN-6666", "alice",
                    "CANARY_APAC_NOTE_6"));

    private static final List<Object[]> ORDERS = List.of(
            new Object[] {1, 1, 100, "EU", "open"}, new Object[] {2, 2, 250, "NA", "closed"},
            new Object[] {3, 3, 75, "EU", "open"}, new Object[] {4, 1, 30, "NA", "open"},
            new Object[] {5, 5, 999999, "SECRET", "CANARY_ORDER_5"}, new Object[] {6, 6, 888888, "APAC",
                    "CANARY_ORDER_6"});

    private PlantedData() {}

    static void create(Connection connection, boolean oracle) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, region TEXT, "
                    + "ssn TEXT, owner_id TEXT, notes TEXT)");
            ddl.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount INTEGER, "
                    + "region TEXT, status TEXT)");
            ddl.execute("CREATE TABLE payroll (id INTEGER PRIMARY KEY, employee TEXT, salary INTEGER)");
            ddl.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price INTEGER)");
            ddl.execute("CREATE TABLE secrets (id INTEGER PRIMARY KEY, secret TEXT)");
            ddl.execute("CREATE VIEW all_customers AS SELECT * FROM customers");
            ddl.execute("INSERT INTO products VALUES (1, 'widget', 10), (2, 'gadget', 20), (3, 'gizmo', 30)");
            if (!oracle) {
                ddl.execute("INSERT INTO payroll VALUES (1, 'CANARY_EMP_1', 100000), (2, 'CANARY_EMP_2', 200000)");
                ddl.execute("INSERT INTO secrets VALUES (1, 'CANARY_TOPSECRET')");
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Customer c : CUSTOMERS) {
                boolean permitted = c.region().equals("EU") || c.region().equals("NA");
                if (oracle && !permitted) {
                    continue;
                }
                insert.setInt(1, c.id());
                insert.setString(2, c.name());
                insert.setString(3, oracle ? Fixtures.hashMask(c.email()) : c.email());
                insert.setString(4, c.region());
                insert.setString(5, oracle ? "****" + c.ssn().substring(c.ssn().length() - 4) : c.ssn());
                insert.setString(6, c.owner());
                insert.setString(7, oracle ? "[REDACTED]" : c.notes());
                insert.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
            for (Object[] o : ORDERS) {
                if (oracle && !(o[3].equals("EU") || o[3].equals("NA"))) {
                    continue;
                }
                for (int i = 0; i < o.length; i++) {
                    insert.setObject(i + 1, o[i]);
                }
                insert.executeUpdate();
            }
        }
    }
}
