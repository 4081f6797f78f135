package dev.bulwark.data.sql;

import java.util.Locale;

/** The database behind a connector; it decides identifier case rules and the SQL of masks and optimizer fences. */
public enum SqlDialect {
    SQLITE("main"),
    POSTGRESQL("public");

    private final String defaultSchema;

    SqlDialect(String defaultSchema) {
        this.defaultSchema = defaultSchema;
    }

    /** The schema a configured table lives in unless the configuration names another. */
    public String defaultSchema() {
        return defaultSchema;
    }

    /**
     * The name an identifier denotes. SQLite compares every identifier case-insensitively, quoted or not;
     * PostgreSQL folds unquoted identifiers to lower case and keeps quoted ones exact.
     */
    String normalize(String identifier) {
        boolean quoted = identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"");
        String bare = quoted ? identifier.substring(1, identifier.length() - 1) : identifier;
        if (quoted && this == POSTGRESQL) {
            return bare;
        }
        return bare.toLowerCase(Locale.ROOT);
    }

    /**
     * Quotes a configured (simple, lower-case) name. SQLite gets grave accents: a double-quoted name that matches no
     * column silently becomes a string literal there, which would hide a misconfigured column.
     */
    String quote(String simpleName) {
        return this == SQLITE ? "`" + simpleName + "`" : "\"" + simpleName + "\"";
    }

    /**
     * Ends a policy subquery so the optimizer cannot push the agent's predicates below the row filter (where an
     * erroring predicate could probe hidden rows): neither database flattens or pushes quals into a subquery with
     * LIMIT/OFFSET.
     */
    String fence() {
        return this == SQLITE ? " LIMIT -1 OFFSET 0" : " OFFSET 0";
    }
}
