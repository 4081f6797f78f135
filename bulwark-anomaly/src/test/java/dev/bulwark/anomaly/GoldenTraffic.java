package dev.bulwark.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands the compact traffic of a golden case into calls. A step is {@code repeat} calls {@code every} seconds apart,
 * cycling through {@code tools}, {@code outcomes}, {@code bytes}, {@code items}, {@code labels} (a list of label lists)
 * and {@code injection} (a list of booleans); {@code kind} is the tool kind (default read, or {@code kinds} cycled);
 * {@code toolPrefix} names a new tool per call; {@code deniedEvery} and {@code injectionEvery} mark every n-th call;
 * {@code intent} with {@code sessionEvery} gives sessions of that many calls; {@code nextDayAt} first moves the clock to
 * the next day at that hour (UTC); {@code days} with {@code from} and {@code to} repeats the step each day between
 * those hours.
 */
final class GoldenTraffic {
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private Instant now = START;
    private int session;

    List<CallEvent> expand(JsonNode steps, String agent) {
        List<CallEvent> out = new ArrayList<>();
        for (JsonNode step : steps) {
            if (step.has("nextDayAt")) {
                long day = now.getEpochSecond() / 86_400 + 1;
                now = Instant.ofEpochSecond(day * 86_400 + step.get("nextDayAt").asLong() * 3600);
            }
            if (step.has("days")) {
                for (int d = 0; d < step.get("days").asInt(); d++) {
                    long day = now.getEpochSecond() / 86_400 + (d == 0 && hourOf(now) < step.get("from").asInt() ? 0 : 1);
                    now = Instant.ofEpochSecond(day * 86_400 + step.get("from").asLong() * 3600);
                    long end = day * 86_400 + step.get("to").asLong() * 3600;
                    int i = 0;
                    while (now.getEpochSecond() < end) {
                        out.add(call(step, i++, agent));
                        now = now.plusSeconds(step.path("every").asLong(300));
                    }
                }
                continue;
            }
            int repeat = step.path("repeat").asInt(1);
            for (int i = 0; i < repeat; i++) {
                out.add(call(step, i, agent));
                now = now.plusSeconds(step.path("every").asLong(30));
            }
            session += (repeat + step.path("sessionEvery").asInt(1_000_000) - 1)
                    / step.path("sessionEvery").asInt(1_000_000);
        }
        return out;
    }

    private static int hourOf(Instant t) {
        return (int) (t.getEpochSecond() % 86_400 / 3600);
    }

    private CallEvent call(JsonNode step, int i, String agent) {
        String tool = step.has("toolPrefix") ? step.get("toolPrefix").asText() + i
                : cycle(step, "tools", i, "crm.get_customer");
        CallEvent.Outcome outcome = CallEvent.Outcome.valueOf(cycle(step, "outcomes", i, "allowed").toUpperCase());
        if (step.has("deniedEvery") && i % step.get("deniedEvery").asInt() == step.get("deniedEvery").asInt() - 1) {
            outcome = CallEvent.Outcome.DENIED;
        }
        long bytes = Long.parseLong(cycle(step, "bytes", i, "800"));
        long items = Long.parseLong(cycle(step, "items", i, "-1"));
        boolean injection = Boolean.parseBoolean(cycle(step, "injection", i, "false"))
                || step.has("injectionEvery") && i % step.get("injectionEvery").asInt()
                        == step.get("injectionEvery").asInt() - 1;
        ToolKind kind = ToolKind.fromLabel(cycle(step, "kinds", i, step.path("kind").asText("read")));
        Set<String> labels = new HashSet<>();
        JsonNode l = step.path("labels");
        if (l.isArray() && !l.isEmpty()) {
            l.get(i % l.size()).forEach(x -> labels.add(x.asText()));
        }
        String intent = step.has("intent") ? step.get("intent").asText() : null;
        int every = step.path("sessionEvery").asInt(1_000_000);
        String sessionId = "s" + (session + i / every);
        return new CallEvent(now, agent, step.has("user") ? step.get("user").asText() : null, sessionId, tool, kind,
                outcome, labels, bytes, items, injection, intent);
    }

    private static String cycle(JsonNode step, String field, int i, String fallback) {
        JsonNode n = step.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isArray()) {
            return n.asText();
        }
        return n.get(i % n.size()).asText();
    }
}
