package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One governed SQL connector.
 *
 * @param name      connector name, the prefix of its tools ({@code <name>.query}, {@code <name>.read_<table>})
 * @param dialect   the database behind the data source
 * @param policy    the tables agents may read and how
 * @param maxRows   rows returned per call at most; results beyond are cut and reported as truncated
 * @param timeout   longest a query may run
 * @param readTools whether to offer a typed {@code read_<table>} tool per configured table
 * @param limits    bounds on agent SQL
 * @param functions the functions agent SQL may call (the dialect's defaults unless configured)
 */
public record SqlConnectorConfig(String name, SqlDialect dialect, SqlDataPolicy policy, int maxRows,
                                 Duration timeout, boolean readTools, SqlLimits limits, SqlFunctions functions) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public SqlConnectorConfig {
        Checks.present(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("connector name must match " + NAME.pattern() + ": " + name);
        }
        Checks.present(dialect, "dialect");
        Checks.present(policy, "policy");
        if (maxRows < 1 || maxRows > 100_000) {
            throw new IllegalArgumentException("maxRows must be within 1..100000");
        }
        Checks.present(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > 3600) {
            throw new IllegalArgumentException("timeout must be within (0, 1h]");
        }
        Checks.present(limits, "limits");
        Checks.present(functions, "functions");
        if (functions.dialect() != dialect) {
            throw new IllegalArgumentException("the function list is for " + functions.dialect() + ", not " + dialect);
        }
    }

    public SqlConnectorConfig(String name, SqlDialect dialect, SqlDataPolicy policy, int maxRows, Duration timeout,
                              boolean readTools, SqlLimits limits) {
        this(name, dialect, policy, maxRows, timeout, readTools, limits,
                SqlFunctions.defaults(Checks.present(dialect, "dialect")));
    }

    public static SqlConnectorConfig of(String name, SqlDialect dialect, SqlDataPolicy policy) {
        return new SqlConnectorConfig(name, dialect, policy, 500, Duration.ofSeconds(10), true, SqlLimits.DEFAULT);
    }
}
