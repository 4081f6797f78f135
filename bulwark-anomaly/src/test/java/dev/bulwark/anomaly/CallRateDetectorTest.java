package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallRateDetectorTest {
    private static final AnomalySettings SETTINGS = AnomalySettings.defaults();
    private static final CallEvent CALL = new CallEvent(Instant.EPOCH, "a", null, "s", "crm.get_customer", null,
            CallEvent.Outcome.ALLOWED, Set.of(), 100, -1, false, null);

    /** A principal working in sessions of 15 calls with 20-minute pauses, calm rate per minute and busy share. */
    private static final class Principal {
        final CallRateDetector detector = new CallRateDetector(SETTINGS);
        final Random random;
        long time;
        long history;
        int findings;

        Principal(long seed) {
            random = new Random(seed);
        }

        /** Runs a session at {@code perMinute}; returns the 1-based call of its first finding, or -1. */
        int session(double perMinute, int calls, boolean poisson) {
            time += 20 * 60_000;
            int first = -1;
            for (int i = 1; i <= calls; i++) {
                double mean = 60_000 / perMinute;
                time += (long) (poisson ? -mean * Math.log(1 - random.nextDouble()) : mean);
                if (detector.observe(CALL, time, history++) != null) {
                    findings++;
                    first = first < 0 ? i : first;
                }
            }
            return first;
        }

        void days(int sessions, double calm, double busyShare, double busyFactor) {
            for (int s = 0; s < sessions; s++) {
                session(calm * (random.nextDouble() < busyShare ? busyFactor : 1), 15, true);
            }
        }
    }

    @Test
    void busySessionsAFifthOfTheStretchesAreTheBaselineSoTheyRaiseNothing() {
        // 32 stretches held at most 3 busy ones about one time in twelve, and the busy rate then fell in the calm
        // regime: each busy session after that was judged against a third of its rate
        int findings = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Principal p = new Principal(seed);
            p.days(600, 4, 0.2, 3);
            findings += p.findings;
        }
        assertEquals(0, findings, "false alarms in 90,000 calls of ten principals");
    }

    @Test
    void aRunawayLoopAtTenTimesTheCalmRateIsSeenWithinTwentyCalls() {
        for (long seed = 1; seed <= 10; seed++) {
            Principal p = new Principal(seed);
            p.days(150, 4, 0, 1);
            int at = p.session(40, 40, false);
            assertTrue(at > 0 && at <= 20, "seed " + seed + ": first finding at " + at);
        }
    }

    @Test
    void anEndlessBurstIsReportedAndNeverTaughtAsTheBusyRate() {
        Principal p = new Principal(3);
        p.days(150, 4, 0, 1);
        assertTrue(p.session(120, 20_000, false) > 0);
        // without a pause between, the same loop must still be a burst: the endless one taught nothing
        p.days(20, 4, 0, 1);
        int at = p.session(120, 40, false);
        assertTrue(at > 0 && at <= 20, "first finding at " + at);
    }

    @Test
    void callsAtTheSameMillisecondAndGapsOfYearsBreakNothing() {
        Principal p = new Principal(5);
        p.days(150, 4, 0, 1);
        for (int i = 0; i < 1000; i++) {
            p.detector.observe(CALL, p.time, p.history++); // the engine's clamp turns a clock going back into these
        }
        p.time += 50L * 365 * 86_400_000;
        p.days(50, 4, 0, 1);
        int at = p.session(40, 40, false);
        assertTrue(at > 0 && at <= 20, "first finding at " + at);
    }

    @Test
    void aSnapshotWithAStretchRateThatIsNoRateIsRefused() {
        Principal p = new Principal(7);
        p.days(120, 4, 0.2, 3);
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        p.detector.save(out);
        byte[] good = out.bytes();
        CallRateDetector copy = new CallRateDetector(SETTINGS);
        assertDoesNotThrowReading(copy, good);
        int offset = 4 + 4 + 128 * 8 + 4; // the first stretch rate: after size, head, the 128 call times and the count
        for (double bad : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
            byte[] broken = good.clone();
            java.nio.ByteBuffer.wrap(broken).putDouble(offset, bad);
            assertThrows(java.io.IOException.class,
                    () -> new CallRateDetector(SETTINGS).load(new BaselineCodec.Reader(broken)));
        }
    }

    private static void assertDoesNotThrowReading(CallRateDetector d, byte[] bytes) {
        try {
            d.load(new BaselineCodec.Reader(bytes));
        } catch (java.io.IOException e) {
            throw new AssertionError("a snapshot it wrote itself was refused", e);
        }
    }
}
