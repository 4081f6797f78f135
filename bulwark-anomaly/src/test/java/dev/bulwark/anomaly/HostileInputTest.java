package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostileInputTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static CallEvent call(Instant t, String agent, String tool) {
        return new CallEvent(t, agent, null, "s", tool, null, CallEvent.Outcome.ALLOWED, Set.of(), 1000, -1, false,
                null);
    }

    @Test
    void aMillionDistinctAgentsKeepOnlyTheConfiguredNumberOfBaselines() {
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults().withMaxPrincipals(1000),
                InstantSource.fixed(T0));
        for (int i = 0; i < 1_000_000; i++) {
            detector.observe(call(T0, "agent-" + i, "crm.get_customer"));
        }
        assertEquals(1000, detector.principals());
    }

    @Test
    void aMillionDistinctToolsOfOneAgentStayWithinTheDetectorsBounds() throws Exception {
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), InstantSource.fixed(T0));
        for (int i = 0; i < 1_000_000; i++) {
            detector.observe(call(T0.plusMillis(i), "a", "c" + (i % 5000) + ".tool" + i));
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        assertTrue(used < 256L * 1024 * 1024, "heap after a million tools: " + used);
        // the detector still answers, and a flood of new names is reported rather than learned
        List<Anomaly> found = detector.observe(call(T0.plusSeconds(5000), "a", "zz.brand_new"));
        assertTrue(found.size() <= AnomalyKind.values().length);
    }

    @Test
    void pastItsBoundFirstUseStillCountsUnrememberedToolsAsNew() throws Exception {
        FirstUseDetector d = new FirstUseDetector(AnomalySettings.defaults());
        for (int i = 0; i < 300; i++) {
            d.observe(call(T0, "a", "crm.get_customer"), i, i);
        }
        for (int i = 0; i < 100_000; i++) {
            d.observe(call(T0, "a", "crm.t" + i), 300 + i, 300 + i);
        }
        var tools = FirstUseDetector.class.getDeclaredField("tools");
        tools.setAccessible(true);
        assertEquals(FirstUseDetector.MAX_TOOLS, ((java.util.Map<?, ?>) tools.get(d)).size());
    }

    @Test
    void eventsOutOfOrderAreTakenAtThePrincipalsLastTimeAndDoNotFakeABurst() {
        Instant[] now = {T0};
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), () -> now[0]);
        Instant t = T0;
        for (int i = 0; i < 400; i++) {
            now[0] = t;
            assertTrue(detector.observe(call(t, "a", "crm.get_customer")).isEmpty());
            t = t.plusSeconds(30);
        }
        // a late batch of 10 old events (delivered after the fact) followed by calls at the usual pace
        Instant last = t.minusSeconds(30);
        for (int i = 0; i < 10; i++) {
            List<Anomaly> found = detector.observe(call(T0.plusSeconds(i * 30L), "a", "crm.get_customer"));
            assertTrue(found.stream().noneMatch(x -> x.time().isBefore(last)), "time went back");
        }
        for (int i = 0; i < 50; i++) {
            now[0] = last.plusSeconds(30 + i * 30L);
            assertTrue(detector.observe(call(now[0], "a", "crm.get_customer")).stream()
                    .noneMatch(x -> x.kind() != AnomalyKind.CALL_RATE), "only the late batch may look fast");
        }
    }

    @Test
    void anEventFromTheFarFutureIsHeldToTheClockPlusSkewAndDoesNotBlindLaterWindows() {
        Instant[] now = {T0};
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), () -> now[0]);
        Instant t = T0;
        for (int i = 0; i < 400; i++) {
            now[0] = t;
            detector.observe(call(t, "a", "crm.get_customer"));
            t = t.plusSeconds(30);
        }
        Instant end = t;
        now[0] = end;
        List<Anomaly> skewed = detector.observe(call(end.plus(Duration.ofDays(365)), "a", "crm.get_customer"));
        assertTrue(skewed.stream().allMatch(x -> !x.time().isAfter(end.plus(AnomalySettings.defaults().maxSkew()))));
        // ten minutes later a burst is still seen: the skewed event did not move the principal a year ahead
        Instant later = end.plus(Duration.ofMinutes(10));
        boolean burst = false;
        for (int i = 0; i < 30 && !burst; i++) {
            now[0] = later.plusSeconds(i);
            burst = detector.observe(call(now[0], "a", "crm.get_customer")).stream()
                    .anyMatch(x -> x.kind() == AnomalyKind.CALL_RATE);
        }
        assertTrue(burst);
    }
    /**
     * A delegated user declares a 4,096-character intent (the header's bound) made of one long word, in session after
     * session: the outside-intent detector keeps 64 words per principal, and 64 such words once held about 0.8 MB of
     * snapshot per principal (times {@code maxPrincipals} in memory), far past the "tens of KiB" a profile may hold.
     */
    @Test
    void longIntentWordsCannotSwellAPrincipalsBaseline() {
        Map<String, byte[]> saved = new HashMap<>();
        BaselineStore store = new BaselineStore() {
            @Override
            public byte[] load(String principal) {
                return saved.get(principal);
            }

            @Override
            public List<Snapshot> recent(int max) {
                return List.of();
            }

            @Override
            public void save(Map<String, byte[]> snapshots, int keep) {
                saved.putAll(snapshots);
            }
        };
        AnomalyDetector detector = new AnomalyDetector(AnomalySettings.defaults(), InstantSource.fixed(T0),
                EnumSet.allOf(AnomalyKind.class), store);
        for (int session = 0; session < 100; session++) {
            // CJK letters are words to the intent splitter and three bytes each in UTF-8
            String word = String.valueOf((char) (0x4E00 + session)).repeat(4_000) + "x" + session;
            for (int call = 0; call < 3; call++) {
                detector.observe(new CallEvent(T0.plusSeconds(session * 60L + call), "a", "u", "s" + session,
                        "crm.get_customer", null, CallEvent.Outcome.ALLOWED, Set.of(), 1000, -1, false, word));
            }
        }
        assertEquals(2, detector.snapshot(), "the agent's baseline and the user's");
        for (byte[] state : saved.values()) {
            assertTrue(state.length < 64 * 1024, "one principal's baseline holds " + state.length + " bytes");
        }
    }
}
