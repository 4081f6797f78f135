package dev.bulwark.server.gateway;

import dev.bulwark.sandbox.SandboxConnector;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.tool.Connector;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the {@code code.run} sandbox when configured and says at start-up what is in force, or why it is off. */
final class SandboxSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxSetup.class);

    private SandboxSetup() {}

    static List<Connector> open(BulwarkConfig config, Clock clock) {
        if (!config.sandbox().on()) {
            return List.of();
        }
        SandboxConnector sandbox = SandboxConnector.open(
                config.sandbox().toOptions(config.dataPath().resolve("sandbox")), clock);
        if (sandbox.isolation().ready()) {
            LOG.info("{}", sandbox.isolation().summary());
        } else {
            LOG.error("{}; the tool {}.run is not offered", sandbox.isolation().summary(), config.sandbox().name());
        }
        // registered even when disabled: it then lists no tool and refuses every call
        return List.of(sandbox);
    }
}
