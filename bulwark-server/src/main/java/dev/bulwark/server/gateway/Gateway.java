package dev.bulwark.server.gateway;

import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.StandardPipeline;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.store.Databases;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.spi.tool.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running gateway: every module wired from one configuration and served on one HTTP port. */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    public static final String VERSION = "0.1.0";

    private final BulwarkConfig config;
    private final Server jetty;
    private final String baseUrl;
    private final HikariDataSource database;
    /** The same database for writes that must survive power loss once acknowledged (see Databases.openDurable). */
    private final HikariDataSource durable;
    private final Identity identity;
    private final CedarPolicyEngine policies;
    private final JdbcAuditLog auditLog;
    private dev.bulwark.spi.guard.Redactor recorded;
    private final List<Connector> connectors;
    private final ToolRegistry tools;
    private final CallPipeline pipeline;
    /** Upstreams' resources, prompts and completions, governed; {@code null} without upstreams. */
    private final dev.bulwark.server.resources.McpResourcesDoor resources;
    private final dev.bulwark.server.mcp.GateVerifiedAuthenticator gateVerified;
    private final HttpSurface http;
    private final Upstreams upstreams;
    private final Documents documents;
    private final Guards guards;
    private final Approvals approvals;
    private final SqlConnectors sqlConnectors;
    private final DemoSetup.Credentials demoCredentials;
    private final FlowControl flow;
    private final dev.bulwark.telemetry.Telemetry telemetry;
    private final KillSwitch killSwitch;
    private final AnomalyWatch anomalies;
    private AuditTrail auditTrail;
    private final Clock clock = Clock.systemUTC();
    private final java.util.concurrent.ScheduledExecutorService housekeeping =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bulwark-housekeeping");
                t.setDaemon(true);
                return t;
            });

    private Gateway(BulwarkConfig config, dev.bulwark.telemetry.Telemetry telemetry) throws Exception {
        this.config = config;
        this.telemetry = telemetry;
        // JSON logs from the first line on: credentials redacted until the guards are open (then as audit records)
        dev.bulwark.server.logging.LogFormat.parse(config.telemetry().logs().format())
                .apply(new KeyPatternRedactor(new dev.bulwark.guards.detect.SecretDetector()));
        Path dataDir = config.dataPath();
        Path keysDir = DataDirectory.prepare(dataDir);
        this.jetty = new Server(new org.eclipse.jetty.util.thread.QueuedThreadPool(200, 8));
        ServerConnector connector = HttpListeners.exact(jetty, -1, -1);
        connector.setHost(config.server().host());
        connector.setPort(config.server().port());
        connector.open();
        jetty.addConnector(connector);
        this.baseUrl = config.server().publicUrl() != null ? config.server().publicUrl()
                : "http://" + hostForUrl(config.server().host()) + ":" + connector.getLocalPort();
        this.database = Databases.open(config.jdbcUrl(), config.database().user(), config.database().password());
        HikariDataSource durableWrites = null;
        try {
            durableWrites = Databases.separatesDurableWrites(config.jdbcUrl()) ? Databases.openDurable(
                    config.jdbcUrl(), config.database().user(), config.database().password()) : database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        this.durable = durableWrites;
        try {
            this.identity = Identity.open(durable, keysDir, config, baseUrl, baseUrl + "/mcp");
            this.policies = Policies.load(config);
            this.auditLog = AuditSetup.open(config);
            this.connectors = new ArrayList<>();
            this.upstreams = Upstreams.open(config, database);
            connectors.addAll(Connectors.builtIn(config));
            connectors.addAll(SandboxSetup.open(config, clock));
            connectors.addAll(EgressConnectors.open(config)); // HTTP egress and files, when configured on
            this.guards = Guards.open(config.guards(), keysDir, database, this::toolNames);
            if (guards.vault() instanceof dev.bulwark.guards.action.JdbcTokenVault vault) {
                housekeeping.scheduleWithFixedDelay(() -> purgeExpired(vault), 10, 10,
                        java.util.concurrent.TimeUnit.MINUTES);
            }
            this.documents = config.documents().on() ? Documents.open(config,
                    guards.piiDetector() == null ? List.of() : List.of(guards.piiDetector())) : null;
            if (documents != null) {
                connectors.add(documents.connector());
            }
            connectors.addAll(upstreams.connectors());
            this.sqlConnectors = SqlConnectors.open(config, policies, clock);
            connectors.addAll(sqlConnectors.connectors());
            // Tools of other connectors over governed tables run through row security or are not served.
            List<Connector> governed = sqlConnectors.govern(connectors);
            connectors.clear();
            connectors.addAll(governed);
            upstreams.refreshEvery(Duration.ofSeconds(30), housekeeping);
            this.tools = new ToolRegistry(connectors);
            Policies.warnAboutUnknownResources(policies, tools.all());
            this.gateVerified = new dev.bulwark.server.mcp.GateVerifiedAuthenticator(identity.authenticator());
            this.approvals = Approvals.open(config.approvals(), durable, identity, baseUrl, auditLog, clock,
                    housekeeping, telemetry::counted);
            Telemetries.observe(telemetry, auditLog, approvals);
            SessionStore sessionStore = SessionsSetup.open(config.sessions(), database, clock, housekeeping);
            this.flow = new FlowControl(config, sessionStore, auditLog, clock);
            this.killSwitch = new KillSwitch(identity, agent -> approvals.withdrawAllOf(agent, auditLog, clock));
            this.anomalies = AnomalyWatch.open(config.anomaly(), database, killSwitch, auditLog,
                    name -> tools.find(name).map(dev.bulwark.spi.tool.Tool::kind).orElse(null), baseUrl, clock,
                    housekeeping, telemetry.anomalies());
            dev.bulwark.spi.guard.Redactor recorded = auditRedactor(guards); // audit records and approval requests
            this.recorded = recorded;
            // application logs as JSON pass the same redactor (telemetry.logs.format)
            dev.bulwark.server.logging.LogFormat.parse(config.telemetry().logs().format()).apply(recorded);
            var standard = StandardPipeline.builder()
                    .authenticator(gateVerified)
                    .tools(tools)
                    .policies(policies)
                    .sessions(sessionStore)
                    // timed for metrics; each concluded call also reaches the anomaly detectors
                    .auditLog(anomalies.tap(telemetry.timed(auditLog)))
                    .redactor(recorded)
                    .guards(guards.outputGuards())
                    .flow(flow.states(), flow::tool);
            var steps = approvals.wire(standard, recorded, auditLog, clock, new dev.bulwark.engine.approval
                    .ApprovalPreview(tools, policies, recorded, config.approvals().previews()));
            anomalies.insertRiskStep(steps);
            if (guards.egressRedactor() != null) {
                // screened before the attempt record, so a call blocked here never counts as attempted
                steps.insertBefore(dev.bulwark.engine.pipeline.RecordAttemptStep.class,
                        new EgressScreeningStep(guards.egressRedactor()));
            }
            if (EgressConnectors.targetStep(config) != null) { // policy sees the parsed host of egress calls
                steps.insertAfter(dev.bulwark.engine.pipeline.ValidateArgumentsStep.class,
                        EgressConnectors.targetStep(config));
            }
            // inserted after the decision, so it runs before the approval step: an escalation then waits for a human
            WriteRulesSetup.insert(steps, config, database, config.approvals().on(), housekeeping, clock);
            this.pipeline = steps.observer(telemetry.observer(recorded)).build();
            this.resources = dev.bulwark.server.resources.ResourcesSetup.open(upstreams.connectors(), standard,
                    gateVerified, policies, clock, telemetry.observer(recorded), auditLog, recorded);
            this.demoCredentials = config.demo().on() ? DemoSetup.ensure(identity, dataDir) : null;
            if (config.demo().on() && documents != null) {
                DemoSetup.ensureDocuments(documents);
            }
            this.auditTrail = AuditTrail.start(config, auditLog, clock, housekeeping);
            this.http = HttpSurface.mount(jetty, this);
            // Databases, index and keys now exist: tighten what their libraries created, then keep doing so.
            DataDirectory.sweep(dataDir);
            housekeeping.scheduleWithFixedDelay(() -> DataDirectory.sweep(dataDir), 1, 1,
                    java.util.concurrent.TimeUnit.MINUTES);
            jetty.start();
            auditLog.append(new AuditEvent(clock.instant(), AuditEventType.SYSTEM, "gateway.start", Outcome.SUCCEEDED,
                    null, null, null, "", Map.of("version", VERSION, "url", baseUrl, "tools", tools.all().size(),
                    "policies", policies.policyCount())));
        } catch (Exception | Error e) {
            closeQuietly();
            throw e;
        }
    }

    /** Starts a gateway; fails with a clear message when configuration, policies or storage are unusable. */
    public static Gateway start(BulwarkConfig config) throws Exception {
        return start(config, dev.bulwark.telemetry.Telemetry.open(config.telemetry().options(config.dataPath())));
    }

    /** Starts a gateway reporting to {@code telemetry} (which it closes on close); tests hand in their own. */
    public static Gateway start(BulwarkConfig config, dev.bulwark.telemetry.Telemetry telemetry) throws Exception {
        return new Gateway(config, telemetry);
    }

    /**
     * Audit records hold arguments with credentials removed (by key, by shape and by the secret detector, which also
     * decodes encoded values) and, when PII guards are on,
     * personal data redacted as well.
     */
    private static dev.bulwark.spi.guard.Redactor auditRedactor(Guards guards) {
        KeyPatternRedactor credentials = new KeyPatternRedactor(new dev.bulwark.guards.detect.SecretDetector());
        if (guards.egressRedactor() == null) {
            return credentials;
        }
        return arguments -> guards.egressRedactor().redact(credentials.redact(arguments));
    }

    /** Expired originals are deleted even when nothing is tokenized; a failure is retried on the next round. */
    private static void purgeExpired(dev.bulwark.guards.action.JdbcTokenVault vault) {
        try {
            vault.purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("could not purge expired PII vault rows: {}", e.toString());
        }
    }

    private static String hostForUrl(String host) {
        return host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Where this replica itself listens, which differs from {@link #baseUrl()} behind a load balancer. */
    public String localUrl() {
        return "http://" + hostForUrl(config.server().host()) + ":" + port();
    }

    public String mcpUrl() {
        return baseUrl + "/mcp";
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public BulwarkConfig config() {
        return config;
    }

    public Identity identity() {
        return identity;
    }

    public CedarPolicyEngine policies() {
        return policies;
    }

    public JdbcAuditLog auditLog() {
        return auditLog;
    }

    /**
     * The names of the tools callable now (none while the registry is being built), for injection screening: the
     * registry's set, the same instance while no upstream's list changed, so screening re-indexes only on a change.
     */
    private Set<String> toolNames() {
        ToolRegistry registry = tools;
        return registry == null ? Set.of() : registry.names();
    }

    /** Information-flow control: where the gate hands a starting session's intent. */
    FlowControl flow() {
        return flow;
    }

    /** Takes credentials and (with PII guards on) personal data out of what is recorded or relayed to upstreams. */
    public dev.bulwark.spi.guard.Redactor recordedRedactor() {
        return recorded;
    }

    public ToolRegistry tools() {
        return tools;
    }

    /** The door for upstreams' resources and prompts, or {@code null} when no upstream is configured. */
    public dev.bulwark.server.resources.McpResourcesDoor resources() {
        return resources;
    }

    public CallPipeline pipeline() {
        return pipeline;
    }

    public dev.bulwark.server.mcp.GateVerifiedAuthenticator gateVerified() {
        return gateVerified;
    }

    /** The content guards in force (PII vault included). */
    public Guards guards() {
        return guards;
    }

    /** The document store, or {@code null} when documents are disabled. */
    public Documents documents() {
        return documents;
    }

    public Upstreams upstreams() {
        return upstreams;
    }

    /** The human approval queue. */
    public Approvals approvals() {
        return approvals;
    }

    /** Metrics, traces and call logs. */
    public dev.bulwark.telemetry.Telemetry telemetry() {
        return telemetry;
    }

    /** Anomaly detection: stored anomalies, raised risk, the detectors' status. */
    public AnomalyWatch anomalies() {
        return anomalies;
    }

    /** Suspends an agent and revokes its tokens, effective on the next call on every replica. */
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /** Audit retention and forwarding as configured. */
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    public HttpSurface http() {
        return http;
    }

    /** The demo credentials created on this start, or {@code null} when they existed already or demo is off. */
    public DemoSetup.Credentials demoCredentials() {
        return demoCredentials;
    }

    /** The gateway's database (console sessions live there, shared by replicas). */
    javax.sql.DataSource database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        try {
            if (auditLog != null) {
                auditLog.append(new AuditEvent(clock.instant(), AuditEventType.SYSTEM, "gateway.stop",
                        Outcome.SUCCEEDED, null, null, null, "", Map.of()));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record gateway stop: {}", e.toString());
        }
        closeQuietly();
    }

    private void closeQuietly() {
        housekeeping.shutdownNow();
        quietly(() -> jetty.stop());
        if (http != null) {
            quietly(http::close);
        }
        if (connectors != null) {
            for (Connector c : connectors) {
                quietly(c::close);
            }
        }
        if (documents != null) {
            quietly(documents.store()::close);
        }
        if (sqlConnectors != null) {
            quietly(sqlConnectors::close);
        }
        if (approvals != null) {
            quietly(approvals::close);
        }
        if (anomalies != null) {
            quietly(anomalies::close);
        }
        if (auditTrail != null) {
            quietly(auditTrail::close);
        }
        if (auditLog != null) {
            quietly(auditLog::close);
        }
        quietly(telemetry::close);
        if (durable != null && durable != database) {
            quietly(durable::close);
        }
        if (database != null) {
            quietly(database::close);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void quietly(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            LOG.warn("shutdown step failed: {}", e.toString());
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
