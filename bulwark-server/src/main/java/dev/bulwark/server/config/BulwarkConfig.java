package dev.bulwark.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration. Omitted sections take their embedded defaults: SQLite in {@code dataDir}, example
 * policies, the demo CRM connector.
 *
 * @param dataDir   directory for state: database, keys, policies, demo data
 * @param server    HTTP listener
 * @param database  where agents, revocations and audit live
 * @param identity  token lifetimes
 * @param policies  Cedar policy directory
 * @param audit     audit log settings
 * @param demo      the built-in demo connector and demo identities
 * @param upstreams upstream MCP servers to proxy
 * @param documents the document store and its search connector
 * @param guards    content guards (PII and secrets, prompt injection)
 * @param sql       governed SQL databases with row filters and column masks
 * @param approvals the human approval queue
 * @param writes    controlled write actions: tool name or glob to its write rules (see docs/security/writes.md)
 * @param sessions  where sessions (agent tasks) live, and their bounds
 * @param flow      information-flow control: tool sinks and trusted outputs
 * @param telemetry metrics, traces and JSON call logs
 * @param anomaly   anomaly detection and its responses (alerts, risk, the kill switch)
 * @param console   the web console at /console
 * @param auditTrail audit retention and SIEM forwarding
 * @param sandbox   the {@code code.run} sandbox (off by default)
 * @param egress    the HTTP egress connector (off by default)
 * @param files     the filesystem connector (off by default)
 */
public record BulwarkConfig(String dataDir, ServerSettings server, DatabaseSettings database,
                            IdentitySettings identity, PolicySettings policies, AuditSettings audit,
                            DemoSettings demo, List<UpstreamSettings> upstreams, DocumentsSettings documents,
                            GuardSettings guards, List<SqlSettings> sql, ApprovalsSettings approvals,
                            Map<String, List<dev.bulwark.engine.writes.RuleSpec>> writes, SessionSettings sessions,
                            FlowSettings flow, TelemetrySettings telemetry, AnomalyDetectionSettings anomaly,
                            ConsoleSettings console, AuditTrailSettings auditTrail,
                            SandboxSettings sandbox, EgressSettings egress, FilesSettings files) {
    public BulwarkConfig {
        egress = egress == null ? EgressSettings.defaults() : egress;
        files = files == null ? FilesSettings.defaults() : files;
        sandbox = sandbox == null ? SandboxSettings.defaults() : sandbox;
        auditTrail = auditTrail == null ? AuditTrailSettings.defaults() : auditTrail;
        console = console == null ? ConsoleSettings.defaults() : console;
        telemetry = telemetry == null ? TelemetrySettings.defaults() : telemetry;
        anomaly = anomaly == null ? AnomalyDetectionSettings.defaults() : anomaly;
        sessions = sessions == null ? SessionSettings.defaults() : sessions;
        flow = flow == null ? FlowSettings.defaults() : flow;
        approvals = approvals == null ? ApprovalsSettings.defaults() : approvals;
        writes = WriteSettings.check(writes);
        dataDir = dataDir == null || dataDir.isBlank() ? "data" : dataDir;
        server = server == null ? ServerSettings.defaults() : server;
        database = database == null ? new DatabaseSettings(null, null, null) : database;
        identity = identity == null ? new IdentitySettings(null, null, null) : identity;
        policies = policies == null ? new PolicySettings(null, null) : policies;
        audit = audit == null ? new AuditSettings(null, null) : audit;
        demo = demo == null ? new DemoSettings(null) : demo;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        documents = documents == null ? new DocumentsSettings(null, null, null, null) : documents;
        guards = guards == null ? new GuardSettings(null, null) : guards;
        sql = sql == null ? List.of() : List.copyOf(sql);
        java.util.Set<String> names = new java.util.HashSet<>();
        upstreams.forEach(u -> names.add(u.name()));
        if (demo.on()) {
            names.add("crm");
            names.add("sales");
        }
        if (documents.on()) {
            names.add(documents.name());
        }
        if (sandbox.on() && !names.add(sandbox.name())) {
            throw new IllegalArgumentException("sandbox.name '" + sandbox.name() + "' is taken by another connector");
        }
        for (SqlSettings s : sql) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("sql name '" + s.name() + "' is taken by another connector");
            }
        }
        long distinct = upstreams.stream().map(UpstreamSettings::name).distinct().count();
        if (distinct != upstreams.size()) {
            throw new IllegalArgumentException("upstreams: names must be unique");
        }
        if (demo.on() && upstreams.stream().anyMatch(u -> u.name().equals("crm"))) {
            throw new IllegalArgumentException("upstreams: the name 'crm' is taken by the demo connector");
        }
        String docs = documents.name();
        if (documents.on() && (upstreams.stream().anyMatch(u -> u.name().equals(docs)) || docs.equals("crm"))) {
            throw new IllegalArgumentException("documents.name '" + docs + "' is taken by another connector");
        }
    }

    /** The embedded defaults, as with no configuration file. */
    public static BulwarkConfig defaults() {
        return new BulwarkConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** The constructor from before the approval queue and write rules, for callers that configure neither. */
    public BulwarkConfig(String dataDir, ServerSettings server, DatabaseSettings database, IdentitySettings identity,
                         PolicySettings policies, AuditSettings audit, DemoSettings demo,
                         List<UpstreamSettings> upstreams, DocumentsSettings documents, GuardSettings guards,
                         List<SqlSettings> sql) {
        this(dataDir, server, database, identity, policies, audit, demo, upstreams, documents, guards, sql, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** The pre-documents constructor, kept for callers that configure no document store settings. */
    public BulwarkConfig(String dataDir, ServerSettings server, DatabaseSettings database, IdentitySettings identity,
                         PolicySettings policies, AuditSettings audit, DemoSettings demo,
                         List<UpstreamSettings> upstreams) {
        this(dataDir, server, database, identity, policies, audit, demo, upstreams, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** The constructor from before write rules, for callers that configure none. */
    public BulwarkConfig(String dataDir, ServerSettings server, DatabaseSettings database, IdentitySettings identity,
                         PolicySettings policies, AuditSettings audit, DemoSettings demo,
                         List<UpstreamSettings> upstreams, DocumentsSettings documents, GuardSettings guards,
                         List<SqlSettings> sql, ApprovalsSettings approvals) {
        this(dataDir, server, database, identity, policies, audit, demo, upstreams, documents, guards, sql, approvals,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** The constructor from before telemetry, for callers that configure none (embedded defaults). */
    public BulwarkConfig(String dataDir, ServerSettings server, DatabaseSettings database, IdentitySettings identity,
                         PolicySettings policies, AuditSettings audit, DemoSettings demo,
                         List<UpstreamSettings> upstreams, DocumentsSettings documents, GuardSettings guards,
                         List<SqlSettings> sql, ApprovalsSettings approvals,
                         Map<String, List<dev.bulwark.engine.writes.RuleSpec>> writes, SessionSettings sessions,
                         FlowSettings flow) {
        this(dataDir, server, database, identity, policies, audit, demo, upstreams, documents, guards, sql, approvals,
                writes, sessions, flow, null, null, null, null, null, null, null);
    }

    /** A copy with these session settings. */
    public BulwarkConfig withSessions(SessionSettings value) {
        return edit(c -> c.sessions = value);
    }

    /** A copy with these flow-control settings. */
    public BulwarkConfig withFlow(FlowSettings value) {
        return edit(c -> c.flow = value);
    }

    /** A copy with these telemetry settings. */
    public BulwarkConfig withTelemetry(TelemetrySettings value) {
        return edit(c -> c.telemetry = value);
    }

    /** A copy with these anomaly-detection settings. */
    public BulwarkConfig withAnomaly(AnomalyDetectionSettings value) {
        return edit(c -> c.anomaly = value);
    }

    /** A copy with these console settings. */
    public BulwarkConfig withConsole(ConsoleSettings value) {
        return edit(c -> c.console = value);
    }

    /** A copy with these audit retention and forwarding settings. */
    public BulwarkConfig withAuditTrail(AuditTrailSettings value) {
        return edit(c -> c.auditTrail = value);
    }

    /** The write rules in force, in configuration order. */
    public List<dev.bulwark.engine.writes.ToolRules> writeRules() {
        return WriteSettings.toRules(writes);
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /** The JDBC URL in force: the configured one, or SQLite in the data directory. */
    public String jdbcUrl() {
        return database.url() != null ? database.url() : "jdbc:sqlite:" + dataPath().resolve("bulwark.db");
    }

    public Path policyDir() {
        return policies.dir() != null ? Path.of(policies.dir()).toAbsolutePath() : dataPath().resolve("policies");
    }

    /** A copy listening on another port (0 picks a free one); used by tests and the CLI. */
    public BulwarkConfig withPort(int port) {
        return edit(c -> c.server = server.withPort(port));
    }

    /** A copy with another data directory. */
    public BulwarkConfig withDataDir(String value) {
        return edit(c -> c.dataDir = value);
    }

    /** A copy with these sandbox settings. */
    public BulwarkConfig withSandbox(SandboxSettings value) {
        return edit(c -> c.sandbox = value);
    }

    /** A copy with these egress and files settings. */
    public BulwarkConfig withConnectors(EgressSettings egressValue, FilesSettings filesValue) {
        return edit(c -> {
            c.egress = egressValue;
            c.files = filesValue;
        });
    }

    /** A copy with this policy directory setting. */
    public BulwarkConfig withPolicies(PolicySettings value) {
        return edit(c -> c.policies = value);
    }

    /** A copy with the demo on or off. */
    public BulwarkConfig withDemo(DemoSettings value) {
        return edit(c -> c.demo = value);
    }

    /** A copy with these identity settings. */
    public BulwarkConfig withIdentity(IdentitySettings value) {
        return edit(c -> c.identity = value);
    }

    /** A copy with these upstream MCP servers. */
    public BulwarkConfig withUpstreams(List<UpstreamSettings> value) {
        return edit(c -> c.upstreams = value);
    }

    /** A copy with one change: every {@code withX} is one of these. */
    private BulwarkConfig edit(java.util.function.Consumer<ConfigCopy> change) {
        ConfigCopy copy = ConfigCopy.of(this);
        change.accept(copy);
        return copy.build();
    }
}
