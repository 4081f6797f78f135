package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every detector's golden cases (src/test/resources/golden/detectors.json): a history that teaches the baseline, then
 * traffic that must (or must not) be reported as the case's kind, at the call the case says.
 */
class DetectorGoldenTest {

    static Stream<Arguments> cases() throws Exception {
        try (InputStream in = DetectorGoldenTest.class.getResourceAsStream("/golden/detectors.json")) {
            JsonNode all = new ObjectMapper().readTree(in);
            List<Arguments> out = new ArrayList<>();
            all.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsAsTheCaseSays(String name, JsonNode c) {
        AnomalyKind kind = AnomalyKind.fromLabel(c.get("kind").asText());
        GoldenTraffic traffic = new GoldenTraffic();
        List<CallEvent> history = traffic.expand(c.get("history"), "agent-1");
        List<CallEvent> then = traffic.expand(c.get("then"), "agent-1");
        Instant[] now = {GoldenTraffic.START};
        InstantSource clock = () -> now[0];
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), clock);
        for (CallEvent e : history) {
            now[0] = e.time();
            List<Anomaly> found = detector.observe(e);
            assertTrue(found.stream().noneMatch(a -> a.kind() == kind),
                    name + ": reported while learning at " + e.time() + ": " + found);
        }
        int first = -1;
        for (int i = 0; i < then.size() && first < 0; i++) {
            now[0] = then.get(i).time();
            if (detector.observe(then.get(i)).stream().anyMatch(a -> a.kind() == kind)) {
                first = i + 1;
            }
        }
        JsonNode expect = c.get("expect");
        if (expect.path("never").asBoolean(false)) {
            assertEquals(-1, first, name + ": reported at call " + first + " of " + then.size());
        } else {
            int lo = expect.get("firstAt").get(0).asInt();
            int hi = expect.get("firstAt").get(1).asInt();
            assertTrue(first >= lo && first <= hi, name + ": expected first report at call " + lo + ".." + hi
                    + ", got " + first + " (of " + then.size() + ")");
        }
    }
}
