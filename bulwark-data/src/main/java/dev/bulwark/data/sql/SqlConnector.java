package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A governed SQL database: a {@code <name>.query} tool taking SQL text and, if configured, one
 * {@code <name>.read_<table>} tool per table. Bulwark holds the data source and its credentials; agents only ever
 * see rows their data policy permits, with masked columns masked.
 *
 * <p>Labels: a tool's {@code outputLabels} are static, so each tool declares the union of the labels of every column
 * it could return; the exact labels of one call are in {@link QueryPlan#labels()} (returning them with the result
 * needs a labels field on the SPI's {@code ToolResult}).
 */
public final class SqlConnector implements Connector {
    private final SqlConnectorConfig config;
    private final RowSecurity rowSecurity;
    private final TableAccess access;
    private final ReadOnlyExecutor executor;
    private final List<Tool> tools;

    /**
     * @param dataSource connections to the database (for SQLite, ideally opened read-only with
     *                   {@code SQLiteConfig.setReadOnly(true)}; each call also sets {@code query_only})
     * @param access     which principals may read which tables; {@link TableAccess#DENY_ALL} denies everything
     * @throws IllegalArgumentException when a configured row filter or mask is not valid SQL
     */
    public SqlConnector(SqlConnectorConfig config, DataSource dataSource, TableAccess access) {
        this(config, dataSource, access, null);
    }

    /**
     * @param hashKey the deployment's HMAC-SHA256 key of {@code hash} masks (16 to 64 bytes); it stays in this
     *                process on SQLite and travels only as statement parameters on PostgreSQL, never to the agent.
     *                {@code null} only when no rule hashes a column
     * @throws IllegalArgumentException when a configured row filter or mask is not valid SQL, or a rule hashes a
     *                                  column and no key was given
     */
    public SqlConnector(SqlConnectorConfig config, DataSource dataSource, TableAccess access,
                        javax.crypto.SecretKey hashKey) {
        this.config = Checks.present(config, "config");
        this.rowSecurity = new RowSecurity(config.policy(), config.dialect(), config.limits(), config.functions(),
                hashKey);
        this.access = Checks.present(access, "access");
        this.executor = new ReadOnlyExecutor(Checks.present(dataSource, "dataSource"), config.dialect(),
                config.timeout(), hashKey == null ? null : new KeyedHash(hashKey));
        this.tools = SqlTools.describe(config);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /** The rewriter, for callers that want a query's tables before calling (e.g. for an early policy decision). */
    public RowSecurity rowSecurity() {
        return rowSecurity;
    }

    @Override
    public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
        String local = call.tool().name().startsWith(config.name() + ".")
                ? call.tool().name().substring(config.name().length() + 1) : "";
        QueryPlan plan;
        try {
            plan = plan(local, call);
        } catch (QueryRejectedException e) {
            return ToolResult.errorText("query rejected: " + e.getMessage());
        }
        return execute(plan, call);
    }

    /**
     * Serves a tool of another connector that reads a table of this one (a side door), through this connector's row
     * security: the rows and masked columns {@code call}'s principal may see of {@code table}, filtered by equality
     * and substring, with the same table-access decision as {@link #call}.
     */
    public ToolResult readFor(ToolCall call, String table, Map<String, String> equalities,
                              Map<String, String> contains, int limit) {
        QueryPlan plan;
        try {
            plan = rowSecurity.planRead(table, equalities, contains, call.principal(),
                    Math.max(1, Math.min(limit, config.maxRows())));
        } catch (QueryRejectedException e) {
            return ToolResult.errorText("query rejected: " + e.getMessage());
        }
        return execute(plan, call);
    }

    /**
     * Whether {@code call}'s principal sees a row of {@code table} whose {@code column} (as the principal sees it)
     * equals {@code value}; false on any refusal or error.
     */
    public boolean canSee(ToolCall call, String table, String column, String value) {
        try {
            QueryPlan plan = rowSecurity.planRead(table, Map.of(column, value), Map.of(), call.principal(), 1);
            for (String t : plan.tables()) {
                if (!access.mayRead(call.principal(), t)) {
                    return false;
                }
            }
            return !executor.run(plan).rows().isEmpty();
        } catch (QueryRejectedException | SQLException | RuntimeException e) {
            return false;
        }
    }

    private ToolResult execute(QueryPlan plan, ToolCall call) {
        for (String table : plan.tables()) {
            boolean allowed;
            try {
                allowed = access.mayRead(call.principal(), table);
            } catch (RuntimeException e) {
                allowed = false;
            }
            if (!allowed) {
                return ToolResult.errorText("access to table " + table + " is denied");
            }
        }
        try {
            return new ToolResult(List.of(executor.run(plan).toContent()), false, plan.labels());
        } catch (SQLException e) {
            return ToolResult.errorText(DriverErrors.describe(e, config.dialect(),
                    call.arguments().get("sql") instanceof String sql ? sql : "", config.timeout()));
        }
    }

    /** Whether {@code table} is configured here with {@code column} visible. */
    public boolean hasColumn(String table, String column) {
        return config.policy().table(table).map(t -> t.columns().stream().anyMatch(c -> c.name().equals(column)))
                .orElse(false);
    }

    private QueryPlan plan(String local, ToolCall call) throws QueryRejectedException, ConnectorException {
        Map<String, Object> args = call.arguments();
        if (local.equals(SqlTools.QUERY)) {
            if (!(args.get("sql") instanceof String sql) || args.size() != 1) {
                throw new QueryRejectedException("the query tool takes exactly one argument, 'sql', a string");
            }
            return rowSecurity.plan(sql, call.principal(), config.maxRows());
        }
        if (config.readTools() && local.startsWith(SqlTools.READ_PREFIX)) {
            String table = local.substring(SqlTools.READ_PREFIX.length());
            if (config.policy().table(table).isPresent()) {
                return planRead(table, args, call);
            }
        }
        throw new ConnectorException("the " + config.name() + " connector has no tool " + call.tool().name());
    }

    private QueryPlan planRead(String table, Map<String, Object> args, ToolCall call) throws QueryRejectedException {
        int limit = config.maxRows();
        Map<String, String> equalities = new LinkedHashMap<>();
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            Object value = arg.getValue();
            if (arg.getKey().equals("limit")) {
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                        || n.longValue() < 1 || n.longValue() > config.maxRows()) {
                    throw new QueryRejectedException("limit must be an integer within 1.." + config.maxRows());
                }
                limit = n.intValue();
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                equalities.put(arg.getKey(), value.toString());
            } else {
                throw new QueryRejectedException("filter " + arg.getKey() + " must be a string, number or boolean");
            }
        }
        return rowSecurity.planRead(table, equalities, call.principal(), limit);
    }

    /**
     * Checks the configuration against the database: every configured table and column exists and every row filter
     * and mask compiles on its own table. Call once at start-up; a connector that fails it must not be offered.
     *
     * @throws ConnectorException naming the first statement the database refused
     */
    public void verifySchema() throws ConnectorException {
        for (String statement : rowSecurity.verificationStatements()) {
            try {
                executor.run(new QueryPlan(statement, List.of(), List.of(), Set.of(), 1));
            } catch (SQLException e) {
                throw new ConnectorException("the data policy of connector " + config.name()
                        + " does not match the database (" + safeMessage(e) + "): " + statement);
            }
        }
    }

    /** Nothing to release: the data source belongs to whoever created it. */
    @Override
    public void close() {
    }

    /** The database's first line, which names the problem (unknown column, type mismatch, timeout). */
    private static String safeMessage(SQLException e) {
        String message = e.getMessage() == null ? "error" : e.getMessage().strip().lines().findFirst().orElse("error");
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    /** Labels of every column any tool of this connector could return. */
    static Set<String> allLabels(SqlDataPolicy policy) {
        Set<String> labels = new LinkedHashSet<>();
        policy.tables().forEach(t -> labels.addAll(t.labels()));
        return labels;
    }

    static List<String> tableNames(SqlDataPolicy policy) {
        List<String> names = new ArrayList<>();
        policy.tables().forEach(t -> names.add(t.name()));
        return names;
    }
}
