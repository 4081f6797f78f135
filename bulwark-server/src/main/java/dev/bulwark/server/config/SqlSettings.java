package dev.bulwark.server.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A governed SQL database: agents query it through {@code <name>.query} and {@code <name>.read_<table>}; every table
 * reference is rewritten to the rows and masked columns the rules below allow. Bulwark holds the credentials.
 *
 * @param name      connector name
 * @param url       JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql://...})
 * @param user      database user
 * @param password  database password, preferably {@code ${ENV_VAR}}
 * @param maxRows   rows returned at most per call (default 500)
 * @param timeout   per-query timeout (default 10s)
 * @param readTools whether to offer a typed read tool per table (default true)
 * @param tables    the tables agents may read; any other table is unknown and refused
 * @param functions functions agent SQL may call beyond ({@code allow}) or short of ({@code deny}) the dialect's
 *                  safe defaults; functions that reach outside the rows (files, extensions, settings, the catalog)
 *                  are refused at start-up
 * @param readers   other connectors whose tools read these tables: each of their tools is served only through
 *                  this connector's row security as bound here; a tool of theirs that is not bound is refused
 */
public record SqlSettings(String name, String url, String user, String password, Integer maxRows, String timeout,
                          Boolean readTools, List<Table> tables, Functions functions, List<Reader> readers) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public SqlSettings {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("sql[].name must match " + NAME.pattern() + ": " + name);
        }
        if (url == null || !(url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("sql " + name + ": url must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        password = Environment.expand(password, "sql " + name + " password");
        maxRows = maxRows == null ? 500 : maxRows;
        timeout = timeout == null ? "10s" : timeout;
        Durations.parse(timeout, "sql " + name + " timeout");
        readTools = readTools == null ? Boolean.TRUE : readTools;
        tables = tables == null ? List.of() : List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("sql " + name + ": list the tables agents may read (none listed)");
        }
        functions = functions == null ? new Functions(null, null) : functions;
        readers = readers == null ? List.of() : List.copyOf(readers);
    }

    /** @param allow functions added to the dialect's defaults; @param deny functions removed from them */
    public record Functions(Set<String> allow, Set<String> deny) {
        public Functions {
            allow = allow == null ? Set.of() : Set.copyOf(allow);
            deny = deny == null ? Set.of() : Set.copyOf(deny);
        }
    }

    /**
     * A connector whose tools read governed tables.
     *
     * @param connector its name
     * @param tools     how each of its tools is served through row security; its other tools are refused
     */
    public record Reader(String connector, List<ToolBinding> tools) {
        public Reader {
            if (connector == null || connector.isBlank()) {
                throw new IllegalArgumentException("sql readers[].connector is required");
            }
            tools = tools == null ? List.of() : List.copyOf(tools);
        }
    }

    /**
     * One tool served through row security.
     *
     * @param tool     the tool's full name
     * @param table    the governed table it reads
     * @param write    whether it changes a row: it runs only when the row named by {@code key} is visible to the
     *                 caller, and answers with that row as the caller may see it; otherwise the tool itself never
     *                 runs and the gateway answers from the table
     * @param equals   argument → column it must equal (read tools)
     * @param contains argument → column it must contain, case-insensitively (read tools)
     * @param limit    the argument that bounds the number of rows (read tools), if any
     * @param key      argument → key column of the row a write tool changes
     */
    public record ToolBinding(String tool, String table, Boolean write, Map<String, String> equals,
                              Map<String, String> contains, String limit, Map<String, String> key) {
        public ToolBinding {
            if (tool == null || tool.isBlank() || table == null || table.isBlank()) {
                throw new IllegalArgumentException("sql readers[].tools[] needs tool and table");
            }
            write = write != null && write;
            equals = equals == null ? Map.of() : Map.copyOf(equals);
            contains = contains == null ? Map.of() : Map.copyOf(contains);
            key = key == null ? Map.of() : Map.copyOf(key);
            if (write && key.size() != 1) {
                throw new IllegalArgumentException("sql tool binding " + tool + ": a write tool names exactly one "
                        + "key argument");
            }
        }
    }

    public java.time.Duration timeoutDuration() {
        return Durations.parse(timeout, "sql " + name + " timeout");
    }

    /**
     * @param name    table name
     * @param schema  schema, when not the default one
     * @param columns the columns agents may see, with labels and whether read tools may filter on them
     * @param rules   who sees which rows and which masks apply; the first matching rule wins, none matching: no rows
     */
    public record Table(String name, String schema, List<Column> columns, List<Rule> rules) {
        public Table {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("sql tables[].name is required");
            }
            columns = columns == null ? List.of() : List.copyOf(columns);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * @param labels e.g. {@code pii}, {@code confidential}
     * @param screen whether its values still pass the generic PII guard (default true, for free text); false when
     *               the rules decide what is shown (masked or not), so the guard does not redact it again
     */
    public record Column(String name, Set<String> labels, Boolean filterable, Boolean screen) {
        public Column {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("sql columns[].name is required");
            }
            labels = labels == null ? Set.of() : Set.copyOf(labels);
            filterable = filterable != null && filterable;
            screen = screen == null || screen;
        }
    }

    /**
     * @param when      roles and attributes the principal must have (all must hold)
     * @param rowFilter SQL boolean expression over the table's columns and {@code :agent.x}, {@code :user.x},
     *                  {@code :principal.x} (bound as parameters), e.g. {@code region IN (:agent.regions)}
     * @param masks     column → redact, hash, last4, null, or a SQL expression
     */
    public record Rule(String name, When when, String rowFilter, Map<String, String> masks) {
        public Rule {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("sql rules[].name is required");
            }
            when = when == null ? new When(null, null, null) : when;
            rowFilter = rowFilter == null || rowFilter.isBlank() ? "1 = 1" : rowFilter;
            masks = masks == null ? Map.of() : Map.copyOf(masks);
        }
    }

    public record When(Set<String> agentRoles, Set<String> userRoles, Map<String, String> attributes) {
        public When {
            agentRoles = agentRoles == null ? Set.of() : Set.copyOf(agentRoles);
            userRoles = userRoles == null ? Set.of() : Set.copyOf(userRoles);
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }
}
