package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.List;
import java.util.Set;

/**
 * A statement ready to run: the rewritten SQL, its parameters in order, the configured tables it reads (for the
 * per-table policy decision) and the labels of the columns it may expose.
 *
 * @param sql        the rewritten statement, wrapped to fetch at most {@code maxRows + 1} rows
 * @param parameters JDBC parameters, all strings taken from the principal or the typed tool's arguments
 * @param tables     configured tables read, in order of first reference
 * @param labels     labels of the columns of those tables that the principal's rules do not erase (conservative:
 *                   the query may return fewer columns)
 * @param maxRows    rows returned at most; a further row marks the result truncated
 * @param governed   indexes of output columns that plainly show a column the policy decides ({@code screen: false});
 *                   their values skip generic PII screening
 */
public record QueryPlan(String sql, List<Object> parameters, List<String> tables, Set<String> labels, int maxRows,
                        Set<Integer> governed) {
    public QueryPlan(String sql, List<Object> parameters, List<String> tables, Set<String> labels, int maxRows) {
        this(sql, parameters, tables, labels, maxRows, Set.of());
    }

    public QueryPlan {
        Checks.nonBlank(sql, "sql");
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(
                Checks.present(parameters, "parameters")));
        tables = List.copyOf(Checks.present(tables, "tables"));
        labels = Set.copyOf(Checks.present(labels, "labels"));
        governed = Set.copyOf(Checks.present(governed, "governed"));
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive");
        }
    }
}
