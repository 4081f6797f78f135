package dev.bulwark.server.cli;

import dev.bulwark.audit.AuditQuery;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.server.config.BulwarkConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The audit filters, named as in the admin API ({@link AuditQuery#NAMES}). */
final class AuditFilterOptions {
    @Option(names = "--agent", description = "the acting agent's id")
    String agent;
    @Option(names = "--user", description = "the user the agent acted for")
    String user;
    @Option(names = "--tool", description = "the tool (or admin/system action) name")
    String tool;
    @Option(names = "--session", description = "the session id")
    String session;
    @Option(names = "--type", description = "tool_call, tool_attempt, authentication, protocol, admin, system")
    String type;
    @Option(names = "--outcome", description = "succeeded, denied, failed, attempted")
    String outcome;
    @Option(names = "--decision", description = "allow, deny, approval (allowed once a human approves), none")
    String decision;
    @Option(names = "--policy", description = "a policy id that decided the call or attached an obligation")
    String policy;
    @Option(names = "--since", description = "from this instant (2026-01-02T03:04:05Z) or duration ago (15m, 24h, 7d)")
    String since;
    @Option(names = "--until", description = "before this instant or duration ago")
    String until;
    @Option(names = "--after", description = "after this record sequence (the cursor a previous page printed)")
    String after;

    /** The query these options describe; {@code limit} is the page size. */
    AuditQuery query(int limit) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "agent", agent);
        put(f, "user", user);
        put(f, "tool", tool);
        put(f, "session", session);
        put(f, "type", type);
        put(f, "outcome", outcome);
        put(f, "decision", decision);
        put(f, "policy", policy);
        put(f, "since", since);
        put(f, "until", until);
        put(f, "after", after);
        f.put("limit", Integer.toString(limit));
        return AuditQuery.parse(f, Instant.now());
    }

    private static void put(Map<String, String> f, String name, String value) {
        if (value != null) {
            f.put(name, value);
        }
    }

    /** A read-only view of the configured audit log: reading never writes to the chain, even beside a gateway. */
    static AuditRecords records(BulwarkConfig config) {
        if (config.jdbcUrl().startsWith("jdbc:sqlite:")) {
            return AuditRecords.ofEmbedded(config.dataPath());
        }
        return AuditRecords.at(config.jdbcUrl(), config.database().connectionProperties());
    }
}
