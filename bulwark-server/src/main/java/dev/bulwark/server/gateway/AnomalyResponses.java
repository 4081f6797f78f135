package dev.bulwark.server.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.anomaly.Anomaly;
import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.JdbcAnomalyStore;
import dev.bulwark.anomaly.JdbcRiskLedger;
import dev.bulwark.anomaly.StoredAnomaly;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Carries out the configured responses to an anomaly, most urgent first: the kill switch (suspend the agent, revoke its
 * tokens), raised risk, then the audit record of the anomaly with what was done, the stored copy the API lists, and
 * the alert. Each response is tried whatever became of the others; if any failed, the failure is recorded with the
 * anomaly and then thrown, so the feed counts and logs it.
 */
final class AnomalyResponses implements Consumer<Anomaly> {
    private final Map<AnomalyKind, Set<String>> responses;
    private final KillSwitch killSwitch;
    private final JdbcRiskLedger ledger;
    private final long riskMillis;
    private final Duration riskTtl;
    private final AuditLog audit;
    private final JdbcAnomalyStore store;
    private final SlackWebhook webhook;
    private final String gatewayUrl;
    private final Clock clock;

    AnomalyResponses(Map<AnomalyKind, Set<String>> responses, KillSwitch killSwitch, JdbcRiskLedger ledger,
                     double risk, Duration riskTtl, AuditLog audit, JdbcAnomalyStore store, SlackWebhook webhook,
                     String gatewayUrl, Clock clock) {
        this.responses = responses;
        this.killSwitch = killSwitch;
        this.ledger = ledger;
        this.riskMillis = Math.round(risk * 1000);
        this.riskTtl = riskTtl;
        this.audit = audit;
        this.store = store;
        this.webhook = webhook;
        this.gatewayUrl = gatewayUrl;
        this.clock = clock;
    }

    @Override
    public void accept(Anomaly a) {
        Set<String> wanted = responses.getOrDefault(a.kind(), Set.of());
        List<String> done = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        if (wanted.contains("kill")) {
            attempt("kill", done, failures, () -> {
                if (!killSwitch.pull(a.agentId())) {
                    throw new IllegalStateException("no agent " + a.agentId());
                }
                audit.append(new AuditEvent(clock.instant(), AuditEventType.ANOMALY, "anomaly.response.kill",
                        Outcome.SUCCEEDED, a.agentId(), a.userId(), a.sessionId(), "suspended, tokens revoked",
                        Map.of("target", "agent:" + a.agentId(), "kind", a.kind().label())));
            });
        }
        if (wanted.contains("risk")) {
            attempt("risk", done, failures, () -> ledger.raise(a.principal(), riskMillis, riskTtl));
        }
        boolean alert = wanted.contains("alert") && webhook != null;
        if (alert) {
            done.add("alert");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("principal", a.principal());
        details.put("tool", a.tool());
        details.put("score", Double.isFinite(a.score()) ? a.score() : Double.MAX_VALUE);
        details.put("facts", a.facts());
        details.put("responses", List.copyOf(done));
        attempt("audit", new ArrayList<>(), failures, () -> audit.append(new AuditEvent(clock.instant(),
                AuditEventType.ANOMALY, "anomaly." + a.kind().label(), Outcome.SUCCEEDED, a.agentId(), a.userId(),
                a.sessionId(), a.summary(), details)));
        StoredAnomaly[] stored = new StoredAnomaly[1];
        attempt("store", new ArrayList<>(), failures, () -> stored[0] = store.record(a, done));
        if (alert) {
            webhook.post(message(a, stored[0] == null ? null : stored[0].id(), done, gatewayUrl).toString(),
                    "anomaly " + a.kind().label());
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("anomaly responses failed: " + failures.stream()
                    .map(RuntimeException::getMessage).toList());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void attempt(String name, List<String> done, List<RuntimeException> failures, Runnable action) {
        try {
            action.run();
            done.add(name);
        } catch (RuntimeException e) {
            done.add(name + ":failed");
            failures.add(new IllegalStateException(name + ": " + e.getMessage(), e));
        }
    }

    /** The Slack-compatible alert: a summary line and the facts; never arguments or output. */
    static ObjectNode message(Anomaly a, String id, List<String> done, String gatewayUrl) {
        String who = "agent `" + a.agentId() + "`" + (a.userId() == null ? "" : " for user `" + a.userId() + "`");
        String text = "Anomaly (" + a.kind().label() + "): " + who + " — " + a.summary();
        ObjectNode out = JsonResponses.object().put("text", text);
        var blocks = out.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*" + text + "*");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text",
                "*Baseline of:* " + a.principal() + "\n*Tool:* `" + a.tool() + "`\n*Facts:* `"
                        + JsonResponses.JSON.valueToTree(a.facts()) + "`\n*Done:* "
                        + (done.isEmpty() ? "nothing" : String.join(", ", done)));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "Kill switch: `bulwark agent kill " + a.agentId() + "` or POST " + gatewayUrl
                        + "/api/v1/agents/" + a.agentId() + "/kill" + (id == null ? "" : " (anomaly " + id + ")"));
        out.put("anomaly", JsonResponses.object().put("id", id).put("kind", a.kind().label())
                .put("agentId", a.agentId()).put("principal", a.principal()).put("time", a.time().toString()));
        return out;
    }
}
