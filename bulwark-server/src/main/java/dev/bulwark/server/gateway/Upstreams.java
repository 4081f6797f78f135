package dev.bulwark.server.gateway;

import dev.bulwark.connectors.mcp.McpUpstreamConnector;
import dev.bulwark.connectors.mcp.PinningMode;
import dev.bulwark.connectors.mcp.SqlToolPins;
import dev.bulwark.connectors.mcp.UpstreamServer;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.UpstreamSettings;
import dev.bulwark.spi.tool.ToolKind;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The proxied upstream MCP servers, by connector name. */
public final class Upstreams {
    private final Map<String, McpUpstreamConnector> byName;

    private Upstreams(Map<String, McpUpstreamConnector> byName) {
        this.byName = byName;
    }

    static Upstreams open(BulwarkConfig config, DataSource database) {
        SqlToolPins pins = new SqlToolPins(database);
        Map<String, McpUpstreamConnector> byName = new LinkedHashMap<>();
        for (UpstreamSettings u : config.upstreams()) {
            byName.put(u.name(), McpUpstreamConnector.open(toServer(u), pins));
        }
        return new Upstreams(byName);
    }

    static UpstreamServer toServer(UpstreamSettings u) {
        UpstreamServer server = u.url() != null ? UpstreamServer.http(u.name(), URI.create(u.url()))
                : UpstreamServer.stdio(u.name(), u.command());
        Map<String, ToolKind> kinds = new LinkedHashMap<>();
        u.kinds().forEach((tool, kind) -> kinds.put(tool, ToolKind.fromLabel(kind)));
        return server.withEnv(u.resolvedEnv())
                .withKinds(kinds)
                .withLabels(u.labels())
                .withTimeout(u.timeoutDuration())
                .withMode(PinningMode.fromLabel(u.pinning()))
                .withToolPrefix(u.toolPrefix());
    }

    /**
     * Re-reads the upstreams' tool lists on a schedule, so a description or schema changed without a
     * {@code tools/list_changed} notification ("rug pull") is caught within one interval.
     */
    void refreshEvery(java.time.Duration interval, java.util.concurrent.ScheduledExecutorService scheduler) {
        for (McpUpstreamConnector c : byName.values()) {
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    c.refresh();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(Upstreams.class).warn("refresh of {} failed: {}", c.name(), e.toString());
                }
            }, interval.toMillis(), interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    public List<McpUpstreamConnector> connectors() {
        return List.copyOf(byName.values());
    }

    public Optional<McpUpstreamConnector> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
