package dev.bulwark.server.config;

import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.AnomalySettings;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Anomaly detection (docs/security/anomaly.md).
 *
 * @param enabled         whether calls are watched (default true)
 * @param learnCalls      calls a principal makes before anything is reported of it (default 200)
 * @param cooldown        a kind reported for a principal is not reported again for this long (default 10m)
 * @param maxPrincipals   principals whose baselines are kept in memory (default 10000)
 * @param queue           calls waiting for the detectors; beyond, calls are not watched (counted) (default 10000)
 * @param sensitiveLabels output labels whose reading, then egress, is a sensitive sequence (default secret, pii)
 * @param webhooks        http(s) URLs that receive a Slack-compatible message for each alert
 * @param risk            risk added to the principal's sessions per anomaly with the {@code risk} response (default 1.0,
 *                        Cedar reads {@code context.session.riskMillis} = risk × 1000)
 * @param riskTtl         how long raised risk lasts after the last raise (default 1h)
 * @param retention       how long anomalies are listed by the API (default 30d; the audit log keeps them regardless)
 * @param responses       anomaly kind (or {@code default}) to the responses: {@code alert} (webhooks), {@code risk},
 *                        {@code kill} (suspend the agent and revoke its tokens). Default: every kind alert and risk
 * @param baselineSnapshot how often learned baselines are written to the database (table
 *                        {@code bulwark_anomaly_baselines}), so they survive restarts and replicas share them; they are
 *                        loaded at start. {@code off}: baselines stay in memory only (default 1m)
 */
public record AnomalyDetectionSettings(Boolean enabled, Integer learnCalls, String cooldown, Integer maxPrincipals,
                                       Integer queue, List<String> sensitiveLabels, List<String> webhooks, Double risk,
                                       String riskTtl, String retention, Map<String, List<String>> responses,
                                       String baselineSnapshot) {
    public static final Set<String> ACTIONS = Set.of("alert", "risk", "kill");

    public AnomalyDetectionSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        learnCalls = learnCalls == null ? 200 : learnCalls;
        cooldown = cooldown == null ? "10m" : cooldown;
        Durations.parse(cooldown, "anomaly.cooldown");
        maxPrincipals = maxPrincipals == null ? 10_000 : maxPrincipals;
        queue = queue == null ? 10_000 : queue;
        if (queue < 1 || queue > 1_000_000) {
            throw new IllegalArgumentException("anomaly.queue must be between 1 and 1000000");
        }
        sensitiveLabels = sensitiveLabels == null ? List.of("secret", "pii") : List.copyOf(sensitiveLabels);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        for (String url : webhooks) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("anomaly.webhooks: not a URL: " + url);
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("anomaly.webhooks: must be an http(s) URL: " + url);
            }
        }
        risk = risk == null ? 1.0 : risk;
        if (!(risk >= 0 && risk <= 1_000_000)) {
            throw new IllegalArgumentException("anomaly.risk must be between 0 and 1000000");
        }
        riskTtl = riskTtl == null ? "1h" : riskTtl;
        Durations.parse(riskTtl, "anomaly.riskTtl");
        retention = retention == null ? "30d" : retention;
        Durations.parse(retention, "anomaly.retention");
        responses = responses == null ? Map.of() : Map.copyOf(responses);
        for (Map.Entry<String, List<String>> e : responses.entrySet()) {
            if (!e.getKey().equals("default")) {
                try {
                    AnomalyKind.fromLabel(e.getKey());
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("anomaly.responses: unknown kind '" + e.getKey() + "' (known: "
                            + java.util.Arrays.stream(AnomalyKind.values()).map(AnomalyKind::label).toList()
                            + " or default)");
                }
            }
            if (e.getValue() == null || !ACTIONS.containsAll(e.getValue())) {
                throw new IllegalArgumentException("anomaly.responses." + e.getKey()
                        + ": responses are alert, risk and kill");
            }
        }
        baselineSnapshot = baselineSnapshot == null ? "1m" : baselineSnapshot;
        if (!baselineSnapshot.equals("off")
                && Durations.parse(baselineSnapshot, "anomaly.baselineSnapshot").compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("anomaly.baselineSnapshot must be at least 1s, or off");
        }
        detection(learnCalls, cooldown, maxPrincipals, sensitiveLabels); // validates the detector settings too
    }

    public static AnomalyDetectionSettings defaults() {
        return new AnomalyDetectionSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean on() {
        return enabled;
    }

    /** The detectors' settings. */
    public AnomalySettings detection() {
        return detection(learnCalls, cooldown, maxPrincipals, sensitiveLabels);
    }

    private static AnomalySettings detection(int learnCalls, String cooldown, int maxPrincipals,
                                             List<String> sensitiveLabels) {
        AnomalySettings d = AnomalySettings.defaults();
        return new AnomalySettings(learnCalls, Durations.parse(cooldown, "anomaly.cooldown"), maxPrincipals,
                d.maxSkew(), Set.copyOf(sensitiveLabels), d.minBurstCalls(), d.newToolRate(),
                d.volumeSigmas(), d.volumeRatio(), d.tailProbability(), d.rareHourFraction(), d.fanOutMargin());
    }

    /** Each kind's responses: its own entry, else {@code default}, else alert and risk. */
    public Map<AnomalyKind, Set<String>> responsesByKind() {
        Map<AnomalyKind, Set<String>> out = new EnumMap<>(AnomalyKind.class);
        List<String> fallback = responses.getOrDefault("default", List.of("alert", "risk"));
        for (AnomalyKind kind : AnomalyKind.values()) {
            out.put(kind, Set.copyOf(responses.getOrDefault(kind.label(), fallback)));
        }
        return out;
    }

    public Duration riskLifetime() {
        return Durations.parse(riskTtl, "anomaly.riskTtl");
    }

    /** How often baselines are written to the database; {@code null} when they are kept in memory only. */
    public Duration baselineSnapshotPeriod() {
        return baselineSnapshot.equals("off") ? null : Durations.parse(baselineSnapshot, "anomaly.baselineSnapshot");
    }

    public Duration retentionPeriod() {
        return Durations.parse(retention, "anomaly.retention");
    }
}
