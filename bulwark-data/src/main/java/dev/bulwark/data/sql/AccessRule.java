package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One way a principal may see a table: which rows ({@code rowFilter}) and how columns are masked.
 *
 * @param name      for error messages and audit
 * @param when      the rule applies to principals matching this condition; the first matching rule of a table wins
 * @param rowFilter a SQL boolean expression over the table's columns and principal references, e.g.
 *                  {@code region IN (:principal.regions)}; {@code TRUE} for all rows
 * @param masks     column name → mask; unlisted columns are shown as stored
 */
public record AccessRule(String name, RuleCondition when, String rowFilter, Map<String, Mask> masks) {
    public AccessRule {
        Checks.nonBlank(name, "rule name");
        Checks.present(when, "when");
        Checks.nonBlank(rowFilter, "rowFilter");
        masks = Map.copyOf(Checks.present(masks, "masks"));
    }

    /** Builds a rule from configuration text, masks given as {@code redact}, {@code hash}, … or SQL. */
    public static AccessRule of(String name, RuleCondition when, String rowFilter, Map<String, String> masks) {
        Map<String, Mask> parsed = new LinkedHashMap<>();
        masks.forEach((column, mask) -> parsed.put(column, Mask.parse(mask)));
        return new AccessRule(name, when, rowFilter, parsed);
    }
}
