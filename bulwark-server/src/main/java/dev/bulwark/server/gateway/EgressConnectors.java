package dev.bulwark.server.gateway;

import dev.bulwark.egress.AddressRules;
import dev.bulwark.egress.HostResolver;
import dev.bulwark.egress.HttpEgressConnector;
import dev.bulwark.egress.HttpFetcher;
import dev.bulwark.files.FilesConnector;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.tool.Connector;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP egress and filesystem connectors, when configured on. Egress always runs with the production address
 * rules: configuration has no key that exempts an address (tests construct their exemptions in code).
 */
final class EgressConnectors {
    private static final Logger LOG = LoggerFactory.getLogger(EgressConnectors.class);

    private EgressConnectors() {}

    static List<Connector> open(BulwarkConfig config) throws Exception {
        List<Connector> out = new ArrayList<>();
        if (config.egress().on()) {
            HttpFetcher fetcher = new HttpFetcher(HostResolver.SYSTEM, AddressRules.standard(),
                    config.egress().limits());
            out.add(new HttpEgressConnector(config.egress().name(), fetcher, config.egress().limits()));
            LOG.info("HTTP egress on as '{}': hosts are allowed by policy only (context.arguments.host)",
                    config.egress().name());
        }
        if (config.files().on()) {
            out.add(new FilesConnector(config.files().name(), config.files().fileRoots(), config.files().limits()));
            LOG.info("filesystem connector on as '{}' over roots {}", config.files().name(),
                    config.files().fileRoots().stream().map(r -> r.name() + (r.writable() ? " (writable)" : ""))
                            .toList());
        }
        return out;
    }

    /** The step that gives policy the parsed target of egress calls, or null when egress is off. */
    static EgressTargetStep targetStep(BulwarkConfig config) {
        return config.egress().on() ? new EgressTargetStep(config.egress().name()) : null;
    }
}
