/**
 * The governed SQL connector: row filters and column masks by query rewriting, like Trino's.
 *
 * <p>Every agent statement goes through four steps, and anything not understood is rejected (fail closed):
 * <ol>
 *   <li><b>Screen</b> ({@code SqlScreen}): comments ({@code --}, block comments) removed by the tokenizer that also
 *       finds literals (nested or unterminated block comments and {@code #} refused); one statement (a trailing
 *       {@code ;} at most), no parameters ({@code ?}, {@code $1}, {@code :x}, {@code @x}), no dollar quoting,
 *       backslashes, prefixed strings ({@code E''}, {@code X''}, {@code U&""}), backtick or bracket quoting,
 *       control characters (NUL included) or non-ASCII outside string literals; quoted identifiers of plain
 *       characters only; length, parenthesis nesting and the reserved {@code __bulwark} prefix are bounded.</li>
 *   <li><b>Parse</b> with JSqlParser on the caller's thread, with a watchdog; the parser's costly backtracking mode
 *       is only tried on shallow statements. Only {@code SELECT} (plain, set operations, {@code VALUES}) passes.</li>
 *   <li><b>Walk</b> ({@code TableRewriter}): a reflective walk over every node, so no child can be missed. Node
 *       types and cast types come from allow-lists ({@code SqlAllowList}), functions from the connector's
 *       per-dialect, configurable {@link dev.bulwark.data.sql.SqlFunctions} (dangerous ones never allowed).
 *       Catalog tables, unknown tables, schemas other than the configured one, {@code SELECT INTO}, locking clauses, data-modifying CTEs, session
 *       keywords ({@code current_user}) and schema-qualified column references are rejected. Every table reference
 *       that is not a CTE in scope must be a configured table (views too: a view needs its own policy) and is
 *       replaced by {@code (SELECT <masked columns> FROM schema.table WHERE <row filter> <fence>) AS alias}.</li>
 *   <li><b>Render</b> per principal: the first matching {@link dev.bulwark.data.sql.AccessRule} of each table, its
 *       principal references bound as JDBC parameters; no matching rule means no rows. The statement is wrapped as
 *       {@code SELECT * FROM (…) AS bulwark_result LIMIT maxRows + 1} to detect truncation.</li>
 * </ol>
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>Identifiers follow the database: SQLite compares all names case-insensitively; PostgreSQL folds unquoted
 *       names to lower case and keeps quoted ones exact ({@code "Customers"} is then an unknown table).</li>
 *   <li>CTEs resolve by lexical scope: a CTE sees earlier siblings, and itself only under {@code RECURSIVE}. A name
 *       of a later sibling, or a CTE's own name without {@code RECURSIVE}, means the CTE to SQLite but the table to
 *       PostgreSQL, so such references are rejected. {@code WITH RECURSIVE} is allowed: its table references are
 *       rewritten like any other, and the time limit stops runaway recursion.</li>
 *   <li>The fence ({@code LIMIT -1 OFFSET 0} / {@code OFFSET 0}) keeps the optimizer from pushing the agent's
 *       predicates below the row filter, where a predicate that raises an error (a failed cast, an overflow) could
 *       probe hidden rows. It costs execution time (no predicate push-down into the table).</li>
 *   <li>Multi-valued principal attributes are comma-separated strings; {@code IN (:principal.regions)} expands to one
 *       parameter per entry, and to {@code IN (NULL)} when there are none. A reference that resolves to nothing
 *       makes the filter {@code 1 = 0} and a mask {@code NULL}.</li>
 *   <li>Ambiguous column names are left to the database, which refuses them with a clear message.</li>
 *   <li>Hash masks are HMAC-SHA256 under the deployment's key ({@code KeyedHash}); database errors reach the agent
 *       only as classified, SQL-level messages ({@code DriverErrors}).</li>
 *   <li>Governed output: cells of output columns computed only from columns the policy decides
 *       ({@code screen: false}) are marked on the result ({@code Content.Text.governed}) so the generic PII guard
 *       leaves them as the policy made them ({@code OutputOrigins}); free text stays screened.</li>
 *   <li>Side doors: {@link dev.bulwark.data.sql.SqlConnector#readFor} answers another connector's bound tool from a
 *       governed table, through the same rewrite and table-access decision.</li>
 *   <li>Labels: each tool declares the labels of every column it could return; the labels of one call are in
 *       {@link dev.bulwark.data.sql.QueryPlan#labels()} (all labelled columns of the tables read, minus those the
 *       rule redacts or nulls). Carrying them on the result needs a labels field on the SPI's {@code ToolResult}.</li>
 * </ul>
 */
package dev.bulwark.data.sql;
