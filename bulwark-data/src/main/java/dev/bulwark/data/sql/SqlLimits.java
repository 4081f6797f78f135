package dev.bulwark.data.sql;

/**
 * Bounds on agent SQL, checked before and after parsing.
 *
 * @param maxLength     characters of SQL text
 * @param maxNesting    depth of parentheses (deep nesting makes the parser slow or overflow its stack)
 * @param maxNodes      syntax-tree nodes
 * @param maxDepth      depth of the syntax tree (long chains of AND/OR are deep trees)
 * @param maxTableUses  table references after rewriting
 */
public record SqlLimits(int maxLength, int maxNesting, int maxNodes, int maxDepth, int maxTableUses) {
    public static final SqlLimits DEFAULT = new SqlLimits(20_000, 32, 5_000, 200, 32);

    public SqlLimits {
        if (maxLength < 1 || maxNesting < 1 || maxNodes < 1 || maxDepth < 1 || maxTableUses < 1) {
            throw new IllegalArgumentException("SQL limits must be positive");
        }
    }
}
