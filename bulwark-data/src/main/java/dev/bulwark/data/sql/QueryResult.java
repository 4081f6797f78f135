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
 * @param governed  indexes of the columns whose values the data policy decides (plain references to columns that
 *                  the policy shows or masks and does not ask to screen); their cells skip generic PII screening
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated,
                          java.util.Set<Integer> governed) {
    public QueryResult {
        columns = List.copyOf(Checks.present(columns, "columns"));
        governed = java.util.Set.copyOf(Checks.present(governed, "governed"));
        for (int g : governed) {
            if (g < 0 || g >= columns.size()) {
                throw new IllegalArgumentException("governed column index out of range: " + g);
            }
        }
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : Checks.present(rows, "rows")) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("every row must have one value per column");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
        this(columns, rows, truncated, java.util.Set.of());
    }

    /** The JSON document as tool output, with the ranges of governed cells marked. */
    dev.bulwark.spi.tool.Content.Text toContent() {
        StringBuilder out = new StringBuilder("{\"columns\":");
        JsonText.append(out, columns);
        out.append(",\"rows\":[");
        List<dev.bulwark.spi.tool.Content.Span> spans = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            out.append(r == 0 ? "[" : ",[");
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                out.append(c == 0 ? "" : ",");
                int start = out.length();
                JsonText.append(out, row.get(c));
                if (governed.contains(c) && row.get(c) != null) {
                    spans.add(new dev.bulwark.spi.tool.Content.Span(start, out.length()));
                }
            }
            out.append(']');
        }
        out.append("],\"rowCount\":").append(rows.size()).append(",\"truncated\":").append(truncated).append('}');
        return new dev.bulwark.spi.tool.Content.Text(out.toString(), spans);
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
