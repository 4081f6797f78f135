package dev.bulwark.server.config;

import java.time.Duration;

/**
 * Retention and SIEM forwarding of the audit log (docs/security/whatif.md, "Retention"; docs/CONFIGURATION.md,
 * {@code auditTrail}).
 *
 * @param keep       prune records older than this (e.g. {@code 90d}); absent: keep everything (the default). Pruning
 *                   removes only records below a signed checkpoint every witness has anchored, and writes an
 *                   {@code audit.prune} record first, so the rest of the chain still verifies
 * @param pruneEvery how often the gateway prunes (default {@code 1h})
 * @param syslog     {@code host:port} of a syslog receiver (RFC 5424 over TCP, octet counting); absent: no forwarding
 * @param tls        connect to it with TLS (RFC 5425), checking its certificate (default false)
 * @param trustStore a PKCS#12 trust store for TLS (default: the JDK's CAs)
 * @param trustStorePassword its password ({@code ${ENV}} reference recommended)
 * @param from       where forwarding starts when it has no cursor yet: {@code now} (default) or {@code start}
 */
public record AuditTrailSettings(String keep, String pruneEvery, String syslog, Boolean tls, String trustStore,
                                 String trustStorePassword, String from) {
    public AuditTrailSettings {
        if (keep != null) {
            Duration d = Durations.parse(keep, "auditTrail.keep");
            if (d.compareTo(Duration.ofHours(1)) < 0) {
                throw new IllegalArgumentException("auditTrail.keep must be at least 1h");
            }
        }
        pruneEvery = pruneEvery == null || pruneEvery.isBlank() ? "1h" : pruneEvery;
        if (Durations.parse(pruneEvery, "auditTrail.pruneEvery").compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("auditTrail.pruneEvery must be at least 1s");
        }
        if (syslog != null && !syslog.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}")) {
            throw new IllegalArgumentException("auditTrail.syslog must be host:port");
        }
        tls = tls != null && tls;
        trustStorePassword = Environment.expand(trustStorePassword, "auditTrail.trustStorePassword");
        from = from == null || from.isBlank() ? "now" : from;
        if (!from.equals("now") && !from.equals("start")) {
            throw new IllegalArgumentException("auditTrail.from must be now or start");
        }
    }

    public static AuditTrailSettings defaults() {
        return new AuditTrailSettings(null, null, null, null, null, null, null);
    }

    public Duration keepDuration() {
        return keep == null ? null : Durations.parse(keep, "auditTrail.keep");
    }

    public Duration pruneInterval() {
        return Durations.parse(pruneEvery, "auditTrail.pruneEvery");
    }

    @Override
    public String toString() {
        return "AuditTrailSettings[keep=" + keep + ", pruneEvery=" + pruneEvery + ", syslog=" + syslog + ", tls=" + tls
                + ", from=" + from + "]"; // the trust store password stays out of logs
    }
}
