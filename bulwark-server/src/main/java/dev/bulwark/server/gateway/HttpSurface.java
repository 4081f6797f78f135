package dev.bulwark.server.gateway;

import dev.bulwark.server.admin.AdminApiServlet;
import dev.bulwark.server.http.DiscoveryServlet;
import dev.bulwark.server.http.GateAudit;
import dev.bulwark.server.http.HealthServlet;
import dev.bulwark.server.http.HostGate;
import dev.bulwark.server.http.HostPolicy;
import dev.bulwark.server.http.McpGate;
import dev.bulwark.server.http.OriginPolicy;
import dev.bulwark.server.http.TokenServlet;
import dev.bulwark.server.mcp.McpFrontDoor;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/** Everything served over HTTP, mounted on one Jetty context. */
public final class HttpSurface implements AutoCloseable {
    private final McpFrontDoor frontDoor;
    private final MetricsEndpoint metrics;

    private HttpSurface(McpFrontDoor frontDoor, MetricsEndpoint metrics) {
        this.frontDoor = frontDoor;
        this.metrics = metrics;
    }

    static HttpSurface mount(Server jetty, Gateway gateway) throws java.io.IOException {
        var config = gateway.config();
        GateAudit audit = new GateAudit(gateway.auditLog(), gateway.clock(), gateway.recordedRedactor());
        var relay = new dev.bulwark.server.relay.ClientRelay(gateway.policies(), gateway.auditLog(),
                gateway.recordedRedactor(),
                new dev.bulwark.engine.redaction.KeyPatternRedactor(new dev.bulwark.guards.detect.SecretDetector()),
                gateway.clock());
        McpFrontDoor frontDoor = new McpFrontDoor(gateway.pipeline(), gateway.gateVerified(), gateway.tools(), gateway.policies(),
                config.server().maxRequestBytes(), Gateway.VERSION, gateway.resources(), relay);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.getServletHandler().setDecodeAmbiguousURIs(false);

        // Host first: a request addressed to a foreign name (DNS rebinding) is refused before authentication.
        HostPolicy hosts = HostPolicy.of(config.server().host(), java.util.Optional.ofNullable(
                config.server().publicUrl()), config.server().allowedHosts());
        if (!hosts.checks()) {
            org.slf4j.LoggerFactory.getLogger(HttpSurface.class).warn("Host headers are not checked: listening on {}"
                    + " without server.publicUrl or server.allowedHosts", config.server().host());
        }
        context.addFilter(new FilterHolder(new HostGate(hosts, audit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        McpGate gate = new McpGate(gateway.identity().authenticator(), audit, config.server().maxRequestBytes(),
                gateway.baseUrl() + DiscoveryServlet.PROTECTED_RESOURCE + McpFrontDoor.ENDPOINT,
                new OriginPolicy(gateway.baseUrl(), config.server().allowedOrigins()),
                name -> gateway.tools().findExposed(name).isPresent(),
                java.time.Duration.ofSeconds(config.server().bodyTimeoutSeconds()), (session, intent) -> {
                    gateway.flow().declareIntent(session, intent);
                    gateway.anomalies().declareIntent(session, intent);
                }).cancellingWith(relay.cancellations()::cancel);
        context.addFilter(new FilterHolder(gate), McpFrontDoor.ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
        if (config.server().streams().on()) {
            // Behind the gate (the caller is known, the session is theirs): SSE streams get ids, priming and replay.
            FilterHolder resumable = new FilterHolder(new dev.bulwark.server.streams.ResumableStreams(
                    new dev.bulwark.server.streams.StreamStore(config.server().streams().bounds(), gateway.clock()),
                    audit));
            resumable.setAsyncSupported(true);
            context.addFilter(resumable, McpFrontDoor.ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
        }
        ServletHolder mcp = new ServletHolder(frontDoor.servlet());
        mcp.setAsyncSupported(true);
        context.addServlet(mcp, McpFrontDoor.ENDPOINT);

        var oauth = gateway.identity().oauth();
        DiscoveryServlet discovery = new DiscoveryServlet(gateway.baseUrl(), gateway.mcpUrl(),
                gateway.identity().keys()::publicJwksJson, oauth.isPresent(),
                oauth.flatMap(InteractiveLogin::registrationAgent).isPresent(),
                config.identity().oauth().clientMetadataDocuments());
        context.addServlet(new ServletHolder(discovery), "/.well-known/*");
        context.addServlet(new ServletHolder(new TokenServlet(gateway.identity().tokens(), gateway.identity().throttle(), audit)),
                DiscoveryServlet.TOKEN_ENDPOINT);
        OAuthRoutes.mount(context, gateway, audit);
        AdminToken adminToken = AdminToken.ensure(config.dataPath(), config.dataPath().resolve("keys"));
        context.addServlet(new ServletHolder(new AdminApiServlet(gateway, adminToken, audit, frontDoor::syncTools)),
                "/api/v1/*");
        context.addServlet(new ServletHolder(new dev.bulwark.server.admin.ApprovalsApiServlet(
                gateway.approvals().desk(), adminToken, audit)), "/api/v1/approvals/*");
        context.addServlet(new ServletHolder(new HealthServlet()), "/healthz");
        if (config.console().on()) {
            ServletHolder console = new ServletHolder(ConsoleSetup.servlet(gateway, adminToken));
            context.addServlet(console, dev.bulwark.console.ConsoleServlet.PATH);
            context.addServlet(console, dev.bulwark.console.ConsoleServlet.PATH + "/*");
        }
        MetricsEndpoint metrics;
        try {
            metrics = MetricsEndpoint.mount(context, gateway.telemetry(), config.telemetry().metrics(), adminToken,
                    audit, config.server().allowedHosts());
        } catch (Exception e) {
            frontDoor.close();
            throw new java.io.IOException("cannot serve /metrics: " + e.getMessage(), e);
        }
        jetty.setHandler(context);
        return new HttpSurface(frontDoor, metrics);
    }

    public McpFrontDoor frontDoor() {
        return frontDoor;
    }

    /** The port of the separate metrics listener, when {@code telemetry.metrics.port} is set. */
    public java.util.Optional<Integer> metricsPort() {
        return metrics.separatePort();
    }

    @Override
    public void close() {
        frontDoor.close();
        try {
            metrics.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(HttpSurface.class).warn("could not stop the metrics listener: {}",
                    e.toString());
        }
    }
}
