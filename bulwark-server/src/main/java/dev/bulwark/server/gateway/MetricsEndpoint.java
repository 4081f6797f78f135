package dev.bulwark.server.gateway;

import dev.bulwark.server.config.TelemetrySettings;
import dev.bulwark.server.http.GateAudit;
import dev.bulwark.server.http.HostGate;
import dev.bulwark.server.http.HostPolicy;
import dev.bulwark.server.http.MetricsServlet;
import dev.bulwark.telemetry.Telemetry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Where {@code /metrics} is served: on the gateway's own port behind the admin token (the default), or on a separate
 * listener of its own ({@code telemetry.metrics.port}), behind the admin token or, when configured, open. The
 * separate listener serves nothing else and checks the Host header like the gateway (DNS rebinding).
 */
final class MetricsEndpoint implements AutoCloseable {
    static final String PATH = "/metrics";
    private final Server separate;

    private MetricsEndpoint(Server separate) {
        this.separate = separate;
    }

    static MetricsEndpoint mount(ServletContextHandler main, Telemetry telemetry, TelemetrySettings.Metrics settings,
                                 AdminToken adminToken, GateAudit audit, List<String> allowedHosts) throws Exception {
        if (!settings.enabled() || !telemetry.metricsOn()) {
            return new MetricsEndpoint(null);
        }
        MetricsServlet servlet = new MetricsServlet(telemetry::scrape, Telemetry.scrapeContentType(),
                settings.open() ? null : adminToken::matches, settings.open() ? null : audit);
        if (settings.port() == null) {
            main.addServlet(new ServletHolder(servlet), PATH);
            return new MetricsEndpoint(null);
        }
        Server server = new Server(new org.eclipse.jetty.util.thread.QueuedThreadPool(8, 2));
        ServerConnector connector = HttpListeners.exact(server, 1, 1);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new HostGate(HostPolicy.of(settings.host(), Optional.empty(),
                allowedHosts), audit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), PATH);
        server.setHandler(context);
        server.start();
        return new MetricsEndpoint(server);
    }

    /** The port of the separate listener, when there is one. */
    Optional<Integer> separatePort() {
        return separate == null ? Optional.empty()
                : Optional.of(((ServerConnector) separate.getConnectors()[0]).getLocalPort());
    }

    @Override
    public void close() throws Exception {
        if (separate != null) {
            separate.stop();
        }
    }
}
