package dev.bulwark.data.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs a {@link QueryPlan} on a read-only connection or transaction with a time limit. SQLite: {@code PRAGMA
 * query_only}, a progress handler that aborts past the deadline, and the hash function masks use. PostgreSQL: a
 * {@code READ ONLY} transaction with a local {@code statement_timeout} and {@code search_path = pg_catalog}, always
 * rolled back.
 */
final class ReadOnlyExecutor {
    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Duration timeout;
    private final KeyedHash hash;
    /** Largest string or blob a SQLite query may build, in bytes. */
    static final int MAX_VALUE_BYTES = 4 << 20;

    ReadOnlyExecutor(DataSource dataSource, SqlDialect dialect, Duration timeout) {
        this(dataSource, dialect, timeout, null);
    }

    /** @param hash the key of hash masks, registered as a SQLite function; {@code null} when no mask hashes */
    ReadOnlyExecutor(DataSource dataSource, SqlDialect dialect, Duration timeout, KeyedHash hash) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.timeout = timeout;
        this.hash = hash;
    }

    QueryResult run(QueryPlan plan) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return dialect == SqlDialect.SQLITE ? onSqlite(connection, plan) : onPostgres(connection, plan);
        }
    }

    private QueryResult onSqlite(Connection connection, QueryPlan plan) throws SQLException {
        try (Statement pragma = connection.createStatement()) {
            pragma.execute("PRAGMA query_only = ON");
        }
        // Pools hand out proxies; the SQLite hooks need the driver's own connection underneath.
        org.sqlite.SQLiteConnection sqlite = connection.unwrap(org.sqlite.SQLiteConnection.class);
        // SQLite runs inside the gateway: no string or blob a query builds (printf widths, replace) may outgrow this.
        sqlite.setLimit(org.sqlite.SQLiteLimits.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
        if (hash != null) {
            org.sqlite.Function.create(sqlite, KeyedHash.SQLITE_FUNCTION, hash.sqliteFunction(), 1,
                    org.sqlite.Function.FLAG_DETERMINISTIC);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        org.sqlite.ProgressHandler.setHandler(sqlite, 1000, new org.sqlite.ProgressHandler() {
            @Override
            protected int progress() {
                return System.nanoTime() - deadline > 0 ? 1 : 0;
            }
        });
        try {
            return execute(connection, plan);
        } finally {
            org.sqlite.ProgressHandler.clearHandler(sqlite);
        }
    }

    private QueryResult onPostgres(Connection connection, QueryPlan plan) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement setup = connection.createStatement()) {
                setup.execute("SET TRANSACTION READ ONLY");
                setup.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                // Tables are always schema-qualified by the rewrite; unqualified functions must be the built-ins,
                // never a look-alike someone created in a schema on the search path.
                setup.execute("SET LOCAL search_path = pg_catalog");
            }
            return execute(connection, plan);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private QueryResult execute(Connection connection, QueryPlan plan) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(plan.sql())) {
            statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            statement.setMaxRows(plan.maxRows() + 1);
            for (int i = 0; i < plan.parameters().size(); i++) {
                Object value = plan.parameters().get(i);
                if (value instanceof byte[] bytes) {
                    statement.setBytes(i + 1, bytes);
                } else if (dialect == SqlDialect.POSTGRESQL && value instanceof String) {
                    // Untyped, so the server infers the type from the column it is compared with.
                    statement.setObject(i + 1, value, Types.OTHER);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnLabel(c));
                }
                // The plan's column indexes must describe this result; if the counts disagree, nothing is governed.
                java.util.Set<Integer> governedColumns = plan.governed().stream().allMatch(g -> g < columns.size())
                        ? plan.governed() : java.util.Set.of();
                List<List<Object>> out = new ArrayList<>();
                boolean truncated = false;
                while (rows.next()) {
                    if (out.size() == plan.maxRows()) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        row.add(scalar(rows.getObject(c)));
                    }
                    out.add(row);
                }
                return new QueryResult(columns, out, truncated, governedColumns);
            }
        }
    }

    private static Object scalar(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s.intValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case java.math.BigDecimal d -> d;
            case java.math.BigInteger i -> i;
            case byte[] bytes -> "<" + bytes.length + " bytes>";
            default -> value.toString();
        };
    }
}
