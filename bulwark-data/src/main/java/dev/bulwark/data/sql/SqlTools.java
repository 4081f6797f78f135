package dev.bulwark.data.sql;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools a SQL connector offers, with their JSON schemas. */
final class SqlTools {
    static final String QUERY = "query";
    static final String READ_PREFIX = "read_";

    private SqlTools() {}

    static List<Tool> describe(SqlConnectorConfig config) {
        List<Tool> tools = new ArrayList<>();
        Map<String, Object> sqlSchema = Map.of("type", "object", "additionalProperties", false,
                "required", List.of("sql"),
                "properties", Map.of("sql", Map.of("type", "string", "minLength", 1,
                        "maxLength", config.limits().maxLength(),
                        "description", "one SELECT statement over the tables "
                                + String.join(", ", SqlConnector.tableNames(config.policy())))));
        tools.add(new Tool(config.name() + "." + QUERY,
                "Runs one read-only SQL SELECT. Rows and columns are filtered and masked by data policy; results are "
                        + "limited to " + config.maxRows() + " rows.",
                JsonText.write(sqlSchema), ToolKind.READ, config.name(), SqlConnector.allLabels(config.policy())));
        if (!config.readTools()) {
            return List.copyOf(tools);
        }
        for (TablePolicy table : config.policy().tables()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (ColumnSpec column : table.columns()) {
                if (column.filterable()) {
                    properties.put(column.name(), Map.of("type", List.of("string", "number", "boolean"),
                            "description", "only rows whose " + column.name() + " equals this value"));
                }
            }
            properties.put("limit", Map.of("type", "integer", "minimum", 1, "maximum", config.maxRows()));
            Map<String, Object> schema = Map.of("type", "object", "additionalProperties", false,
                    "properties", properties);
            tools.add(new Tool(config.name() + "." + READ_PREFIX + table.name(),
                    "Reads rows of " + table.name() + " (filtered and masked by data policy).",
                    JsonText.write(schema), ToolKind.READ, config.name(), table.labels()));
        }
        return List.copyOf(tools);
    }
}
