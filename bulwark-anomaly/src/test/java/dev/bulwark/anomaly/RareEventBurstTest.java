package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RareEventBurstTest {
    private static final AnomalySettings SETTINGS = AnomalySettings.defaults();

    private static CallEvent call(boolean denied) {
        return new CallEvent(Instant.EPOCH, "a", null, "s", "crm.get_customer", null,
                denied ? CallEvent.Outcome.DENIED : CallEvent.Outcome.ALLOWED, Set.of(), 100, -1, false, null);
    }

    /** Feeds {@code calls} calls refused with probability {@code p}; returns the 1-based call of the first finding. */
    private static int firstFinding(RareEventBurst d, long[] history, Random r, int calls, double p) {
        for (int i = 1; i <= calls; i++) {
            Finding f = d.observe(call(r.nextDouble() < p), history[0], history[0]);
            history[0]++;
            if (f != null) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aBurstOfDenialsAfterALowRateIsSeenWithinAFewCalls() {
        RareEventBurst d = RareEventBurst.denials(SETTINGS);
        long[] history = {0};
        Random r = new Random(3);
        assertEquals(-1, firstFinding(d, history, r, 2000, 0.01));
        int at = firstFinding(d, history, new Random(5), 40, 0.6);
        // a 20-call window at a 10⁻⁶ tail needed 7 refusals; the CUSUM gains ≈ 2.5 a refusal at 1 %
        assertTrue(at > 0 && at <= 10, "first finding at " + at);
    }

    @Test
    void aPrincipalRefusedAFifthOfTheTimeRaisesNothingOverAHundredThousandCallsAtItsOwnRate() {
        RareEventBurst d = RareEventBurst.denials(SETTINGS);
        long[] history = {0};
        Random r = new Random(11);
        int findings = 0;
        for (int i = 0; i < 100_000; i++) {
            if (d.observe(call(r.nextDouble() < 0.2), history[0], history[0]++) != null) {
                findings++;
            }
        }
        assertEquals(0, findings);
    }

    @Test
    void aLastingRiseBecomesTheBaselineInsteadOfFreezingIt() {
        RareEventBurst d = RareEventBurst.denials(SETTINGS);
        long[] history = {0};
        Random r = new Random(13);
        firstFinding(d, history, r, 1000, 0.01);
        int late = 0;
        for (int i = 0; i < 5000; i++) {
            Finding f = d.observe(call(r.nextDouble() < 0.5), history[0], history[0]++);
            if (f != null && i >= 4000) {
                late++;
            }
        }
        assertEquals(0, late, "after 4,000 calls at the new rate it is usual");
    }

    @Test
    void anEndlessBurstIsCappedAndItsEndIsSeen() throws Exception {
        RareEventBurst d = RareEventBurst.denials(SETTINGS);
        long[] history = {0};
        firstFinding(d, history, new Random(1), 1000, 0.0);
        for (int i = 0; i < 100; i++) {
            d.observe(call(true), history[0], history[0]++);
        }
        // capped at twice the threshold: the save still loads (bounds checked), and calm calls end the alarm soon
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        d.save(out);
        RareEventBurst copy = RareEventBurst.denials(SETTINGS);
        copy.load(new BaselineCodec.Reader(out.bytes()));
        int quiet = 0;
        for (int i = 0; i < 60; i++) {
            if (copy.observe(call(false), history[0], history[0]++) == null) {
                quiet++;
            }
        }
        assertTrue(quiet >= 40, "quiet calls after the burst: " + quiet);
    }

    @Test
    void nothingIsReportedWhileLearningEvenIfEveryCallIsRefused() {
        RareEventBurst d = RareEventBurst.denials(SETTINGS);
        for (int i = 0; i < SETTINGS.learnCalls(); i++) {
            assertNull(d.observe(call(true), i, i));
        }
    }

    @Test
    void injectionsAreCountedFromTheirOwnFlag() {
        RareEventBurst d = RareEventBurst.injections(SETTINGS);
        long h = 0;
        for (; h < 500; h++) {
            d.observe(call(false), h, h);
        }
        Finding f = null;
        for (int i = 0; i < 10 && f == null; i++, h++) {
            f = d.observe(new CallEvent(Instant.EPOCH, "a", null, "s", "web.fetch", null, CallEvent.Outcome.ALLOWED,
                    Set.of(), 100, -1, true, null), h, h);
        }
        assertNotNull(f);
        assertEquals(AnomalyKind.REPEATED_INJECTION, d.kind());
    }
}
