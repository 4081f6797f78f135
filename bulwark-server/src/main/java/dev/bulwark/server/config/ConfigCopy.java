package dev.bulwark.server.config;

import java.util.List;
import java.util.Map;

/**
 * A mutable copy of a {@link BulwarkConfig}, so that each {@code withX} method changes one section without listing
 * every other; {@link #build()} validates the result like any configuration.
 */
final class ConfigCopy {
    String dataDir;
    ServerSettings server;
    DatabaseSettings database;
    IdentitySettings identity;
    PolicySettings policies;
    AuditSettings audit;
    DemoSettings demo;
    List<UpstreamSettings> upstreams;
    DocumentsSettings documents;
    GuardSettings guards;
    List<SqlSettings> sql;
    ApprovalsSettings approvals;
    Map<String, List<dev.bulwark.engine.writes.RuleSpec>> writes;
    SessionSettings sessions;
    FlowSettings flow;
    TelemetrySettings telemetry;
    AnomalyDetectionSettings anomaly;
    ConsoleSettings console;
    AuditTrailSettings auditTrail;
    SandboxSettings sandbox;
    EgressSettings egress;
    FilesSettings files;

    static ConfigCopy of(BulwarkConfig c) {
        ConfigCopy copy = new ConfigCopy();
        copy.dataDir = c.dataDir();
        copy.server = c.server();
        copy.database = c.database();
        copy.identity = c.identity();
        copy.policies = c.policies();
        copy.audit = c.audit();
        copy.demo = c.demo();
        copy.upstreams = c.upstreams();
        copy.documents = c.documents();
        copy.guards = c.guards();
        copy.sql = c.sql();
        copy.approvals = c.approvals();
        copy.writes = c.writes();
        copy.sessions = c.sessions();
        copy.flow = c.flow();
        copy.telemetry = c.telemetry();
        copy.anomaly = c.anomaly();
        copy.console = c.console();
        copy.auditTrail = c.auditTrail();
        copy.sandbox = c.sandbox();
        copy.egress = c.egress();
        copy.files = c.files();
        return copy;
    }

    BulwarkConfig build() {
        return new BulwarkConfig(dataDir, server, database, identity, policies, audit, demo, upstreams, documents,
                guards, sql, approvals, writes, sessions, flow, telemetry, anomaly, console, auditTrail, sandbox, egress,
                files);
    }
}
