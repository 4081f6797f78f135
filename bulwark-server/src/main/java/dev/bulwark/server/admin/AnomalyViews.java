package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.anomaly.AnomalyFeed;
import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.JdbcAnomalyStore;
import dev.bulwark.anomaly.StoredAnomaly;
import dev.bulwark.server.gateway.AnomalyWatch;
import dev.bulwark.server.http.JsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /anomalies} and {@code GET /anomalies/status}: what the detectors reported and how they are doing. */
public final class AnomalyViews {
    private AnomalyViews() {}

    static ArrayNode list(AnomalyWatch watch, HttpServletRequest r) {
        int limit = limit(r.getParameter("limit"));
        String agent = r.getParameter("agent");
        if (agent != null && !agent.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new AdminError(400, "invalid_request", "query parameter 'agent' is not an agent id");
        }
        AnomalyKind kind = null;
        if (r.getParameter("kind") != null) {
            try {
                kind = AnomalyKind.fromLabel(r.getParameter("kind"));
            } catch (IllegalArgumentException e) {
                throw new AdminError(400, "invalid_request", "query parameter 'kind': " + e.getMessage());
            }
        }
        Instant since = null;
        if (r.getParameter("since") != null) {
            try {
                since = Instant.parse(r.getParameter("since"));
            } catch (DateTimeParseException e) {
                throw new AdminError(400, "invalid_request", "query parameter 'since' must be an ISO-8601 instant");
            }
        }
        ArrayNode out = AdminApiServlet.array();
        watch.store().list(limit, agent, kind, since).forEach(a -> out.add(anomaly(a)));
        return out;
    }

    /** One anomaly as the API, the CLI and the console show it. */
    public static ObjectNode anomaly(StoredAnomaly s) {
        var a = s.anomaly();
        ObjectNode n = JsonResponses.object().put("id", s.id()).put("time", a.time().toString())
                .put("kind", a.kind().label()).put("principal", a.principal()).put("agentId", a.agentId())
                .put("userId", a.userId()).put("sessionId", a.sessionId()).put("tool", a.tool())
                .put("score", a.score()).put("summary", a.summary());
        try {
            n.set("facts", JsonResponses.JSON.readTree(s.factsJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            n.put("facts", s.factsJson());
        }
        s.responses().forEach(n.putArray("responses")::add);
        return n;
    }

    static ObjectNode status(AnomalyWatch watch) {
        ObjectNode n = JsonResponses.object().put("enabled", watch.on()).put("tapFailures", watch.tapFailures());
        AnomalyFeed.Status s = watch.status();
        if (s != null) {
            n.put("processed", s.processed()).put("dropped", s.dropped()).put("failed", s.failed())
                    .put("lastError", s.lastError()).put("principals", s.principals())
                    .put("baselineProblems", watch.baselineProblems());
        }
        return n;
    }

    private static int limit(String value) {
        if (value == null) {
            return 100;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value)
                > JdbcAnomalyStore.MAX_LIST) {
            throw new AdminError(400, "invalid_request", "query parameter 'limit' must be an integer from 1 to "
                    + JdbcAnomalyStore.MAX_LIST);
        }
        return Integer.parseInt(value);
    }
}
