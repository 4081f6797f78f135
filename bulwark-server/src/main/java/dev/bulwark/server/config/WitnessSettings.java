package dev.bulwark.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Witnesses that keep the audit log's checkpoints (anchors) where the audit database's attacker cannot rewrite them.
 *
 * @param file           an append-only anchor file (default {@code <dataDir>/witness/audit-anchors.jsonl}, a folder
 *                       of its own with owner-only permissions; {@code off} for none). Point it at a path outside the
 *                       data directory that the gateway can append to but not rewrite
 * @param webhook        an http(s) URL that receives each anchor as a JSON POST, or absent
 * @param webhookHeaders headers sent with it, e.g. {@code Authorization: ${WITNESS_TOKEN}} (environment references)
 * @param database       the JDBC URL of a second database that keeps anchors in table {@code audit_anchor}, or absent
 * @param databaseUser   its user, if the URL does not carry one
 * @param databasePassword its password ({@code ${ENV}} reference recommended)
 * @param failClosed     whether calls are refused while a witness lacks the newest checkpoint for longer than
 *                       {@code maxLag} (default false: calls go on, errors are logged every 30 s)
 * @param maxLag         how long a witness may lack the newest checkpoint before it counts as behind (default 10s)
 */
public record WitnessSettings(String file, String webhook, Map<String, String> webhookHeaders, String database,
                              String databaseUser, String databasePassword, Boolean failClosed, String maxLag) {
    public WitnessSettings {
        if (file != null && file.isBlank()) {
            throw new IllegalArgumentException("audit.witnesses.file must name a file (or be off)");
        }
        if (webhook != null) {
            URI url;
            try {
                url = URI.create(webhook);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("audit.witnesses.webhook is not a URL: " + e.getMessage());
            }
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("audit.witnesses.webhook must be an http or https URL");
            }
            if (url.getUserInfo() != null) {
                throw new IllegalArgumentException("audit.witnesses.webhook: put credentials in webhookHeaders");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (webhookHeaders != null) {
            webhookHeaders.forEach((k, v) -> headers.put(k,
                    Environment.expand(v, "audit.witnesses.webhookHeaders." + k)));
        }
        webhookHeaders = Map.copyOf(headers);
        if (database != null && !database.startsWith("jdbc:")) {
            throw new IllegalArgumentException("audit.witnesses.database must be a JDBC URL");
        }
        databasePassword = Environment.expand(databasePassword, "audit.witnesses.databasePassword");
        failClosed = failClosed != null && failClosed;
        maxLag = maxLag == null || maxLag.isBlank() ? "10s" : maxLag;
        Durations.parse(maxLag, "audit.witnesses.maxLag");
    }

    public static WitnessSettings defaults() {
        return new WitnessSettings(null, null, null, null, null, null, null, null);
    }

    public boolean fileOff() {
        return "off".equals(file);
    }

    public Duration lag() {
        return Durations.parse(maxLag, "audit.witnesses.maxLag");
    }

    @Override
    public String toString() {
        return "WitnessSettings[file=" + file + ", webhook=" + webhook + ", database=" + database + ", failClosed="
                + failClosed + ", maxLag=" + maxLag + "]"; // headers and password stay out of logs
    }
}
