package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows a query returned, values as JSON scalars (strings, numbers, booleans, null).
 *
 * @param columns   column labels in order
 * @param rows      at most the plan's {@code maxRows} rows
 * @param truncated whether the database had more rows
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
    public QueryResult {
        columns = List.copyOf(Checks.present(columns, "columns"));
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : Checks.present(rows, "rows")) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("every row must have one value per column");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("columns", columns);
        document.put("rows", rows);
        document.put("rowCount", rows.size());
        document.put("truncated", truncated);
        return JsonText.write(document);
    }
}
