package dev.bulwark.server.gateway;

import dev.bulwark.connectors.crm.SqliteCrmConnector;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import java.util.List;

/** The built-in connectors the configuration turns on. */
final class Connectors {
    private Connectors() {}

    static List<Connector> builtIn(BulwarkConfig config) throws ConnectorException {
        if (!config.demo().on()) {
            return List.of();
        }
        return List.of(new SqliteCrmConnector(config.dataPath().resolve("crm.db")));
    }
}
