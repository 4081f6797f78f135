package dev.bulwark.data.sql;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a database error on a rewritten statement into a message for the agent. The driver's text describes the
 * rewritten statement (derived tables, parameters, mask functions), so it is never passed on: the error is classified
 * and named in SQL terms, a name is quoted only when the agent's own SQL contains it, and the detail is logged.
 */
final class DriverErrors {
    private static final System.Logger LOG = System.getLogger(DriverErrors.class.getName());
    private static final Pattern SQLITE_NAMED = Pattern.compile(
            "(no such column|no such function|ambiguous column name): ([A-Za-z0-9_.\"]+)");
    private static final Pattern POSTGRES_NAMED = Pattern.compile(
            "(column|function|column reference) \\\"?([A-Za-z0-9_.]+)\\\"?(\\(.*?\\))? (does not exist|is ambiguous)");

    private DriverErrors() {}

    static String describe(SQLException e, SqlDialect dialect, String agentSql, Duration timeout) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        LOG.log(System.Logger.Level.DEBUG, "database refused a rewritten query ({0}): {1}", e.getSQLState(), detail);
        String message = dialect == SqlDialect.SQLITE ? sqlite(e, detail, agentSql, timeout)
                : postgres(e, detail, agentSql, timeout);
        return "the database refused the query: " + message;
    }

    private static String sqlite(SQLException e, String detail, String agentSql, Duration timeout) {
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("interrupt")) {
            return timedOut(timeout);
        }
        Matcher named = SQLITE_NAMED.matcher(detail);
        if (named.find()) {
            String name = named.group(2);
            return switch (named.group(1)) {
                case "no such column" -> unknown("column", name, agentSql);
                case "no such function" -> unknown("function", name, agentSql);
                default -> ambiguous(name, agentSql);
            };
        }
        if (lower.contains("too big")) {
            return "a value the query builds is larger than " + (ReadOnlyExecutor.MAX_VALUE_BYTES >> 20) + " MiB";
        }
        if (lower.contains("misuse of aggregate") || lower.contains("misuse of window function")) {
            return "an aggregate or window function is used where SQL does not allow it";
        }
        if (lower.contains("wrong number of arguments")) {
            return "a function is called with the wrong number of arguments";
        }
        if (lower.contains("syntax error")) {
            return "SQLite does not accept the syntax of the query";
        }
        if (lower.contains("columns") && lower.contains("select")) {
            return "the SELECTs of a set operation have different numbers of columns";
        }
        return "error (SQLite code " + e.getErrorCode() + ")";
    }

    private static String postgres(SQLException e, String detail, String agentSql, Duration timeout) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Matcher named = POSTGRES_NAMED.matcher(detail);
        return switch (state) {
            case "57014" -> timedOut(timeout);
            case "42703" -> named.find() ? unknown("column", named.group(2), agentSql) : unknown("column", "", "");
            case "42883" -> named.find() && named.group(1).equals("function")
                    ? unknown("function", named.group(2), agentSql)
                    : "an operator or function is applied to values of types it does not accept (add a CAST)";
            case "42702" -> named.find() ? ambiguous(named.group(2), agentSql) : ambiguous("", "");
            case "42601" -> "PostgreSQL does not accept the syntax of the query";
            case "42803" -> "a column must appear in GROUP BY or be used in an aggregate function";
            case "42804", "42846" -> "values of different types are combined (add a CAST)";
            case "22012" -> "division by zero";
            case "22P02", "22007", "22008", "22003" -> "a value could not be converted (invalid number, date, or "
                    + "out of range)";
            default -> state.startsWith("22") ? "a value could not be computed (data exception " + state + ")"
                    : state.startsWith("53") || state.startsWith("54") ? "the query needs more resources than allowed"
                    : "error (SQLSTATE " + (state.isEmpty() ? "unknown" : state) + ")";
        };
    }

    private static String timedOut(Duration timeout) {
        return "statement timeout: the query ran longer than " + timeout.toMillis() + " ms";
    }

    /** Names the column or function only when the agent wrote that name; otherwise it came from the rewrite. */
    private static String unknown(String what, String name, String agentSql) {
        String bare = name.replace("\"", "");
        int dot = bare.lastIndexOf('.');
        String last = dot >= 0 ? bare.substring(dot + 1) : bare;
        if (!last.isEmpty() && wrote(agentSql, last)) {
            return "unknown " + what + " " + last + (what.equals("column")
                    ? " (only the configured columns of each table exist)" : "");
        }
        return "the query refers to a " + what + " that does not exist";
    }

    private static String ambiguous(String name, String agentSql) {
        String bare = name.replace("\"", "");
        return !bare.isEmpty() && wrote(agentSql, bare)
                ? "ambiguous column " + bare + " (qualify it with a table alias)"
                : "an ambiguous column reference (qualify columns with a table alias)";
    }

    private static boolean wrote(String agentSql, String name) {
        return agentSql != null && Pattern.compile("(?i)(?<![A-Za-z0-9_])" + Pattern.quote(name)
                + "(?![A-Za-z0-9_])").matcher(agentSql).find();
    }
}
