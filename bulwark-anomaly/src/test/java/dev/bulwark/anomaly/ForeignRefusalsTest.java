package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForeignRefusalsTest {
    private static final AnomalySettings SETTINGS = AnomalySettings.defaults();
    private static final List<String> OWN = List.of("crm.get_customer", "crm.find_customers", "mail.send");
    private static final List<String> FOREIGN = List.of("vault.read", "shell.exec", "files.delete", "sales.query");

    private static CallEvent call(String tool, boolean denied) {
        return new CallEvent(Instant.EPOCH, "a", null, "s", tool, null,
                denied ? CallEvent.Outcome.DENIED : CallEvent.Outcome.ALLOWED, Set.of(), 100, -1, false, null);
    }

    /** A principal refused {@code p} of its calls to its own tools, for {@code calls} calls. */
    private static int ownRefusals(RareEventBurst d, long[] history, Random r, int calls, double p) {
        int findings = 0;
        for (int i = 0; i < calls; i++) {
            if (d.observe(call(OWN.get(r.nextInt(OWN.size())), r.nextDouble() < p), history[0], history[0]++) != null) {
                findings++;
            }
        }
        return findings;
    }

    @Test
    void probingAfterUsualRefusalsOfItsOwnToolsIsSeenWithinTwentyCallsAndTenOnAverage() {
        int total = 0;
        for (long seed = 1; seed <= 20; seed++) {
            RareEventBurst d = RareEventBurst.foreignDenials(SETTINGS);
            long[] history = {0};
            Random r = new Random(seed);
            assertEquals(0, ownRefusals(d, history, r, 3000, 0.1));
            int at = -1;
            for (int i = 1; i <= 30 && at < 0; i++) {
                boolean probe = r.nextDouble() < 0.6;
                CallEvent c = probe ? call(FOREIGN.get(r.nextInt(FOREIGN.size())), true)
                        : call(OWN.get(r.nextInt(OWN.size())), false);
                if (d.observe(c, history[0], history[0]++) != null) {
                    at = i;
                }
            }
            assertTrue(at > 0 && at <= 20, "seed " + seed + ": first finding at " + at);
            total += at;
        }
        // 4 foreign refusals at ≈ 3.9 nats each pass the threshold of ≈ 13.3; 60 % of calls are such refusals
        assertTrue(total <= 200, "mean calls to detection " + total / 20.0);
    }

    @Test
    void aRiseOfRefusalsOfItsOwnToolsIsNotForeign() {
        RareEventBurst d = RareEventBurst.foreignDenials(SETTINGS);
        long[] history = {0};
        Random r = new Random(4);
        ownRefusals(d, history, r, 1000, 0.02);
        assertEquals(0, ownRefusals(d, history, r, 2000, 0.8));
    }

    @Test
    void aToolOnceAllowedIsNeverForeign() {
        ForeignRefusals foreign = new ForeignRefusals();
        assertTrue(foreign.test(call("vault.read", true)));
        assertFalse(foreign.test(call("vault.read", false)));
        assertFalse(foreign.test(call("vault.read", true)));
    }

    @Test
    void aFloodOfAllowedNamesCannotGrowMemoryAndLaterNamesCountAsForeign() throws Exception {
        ForeignRefusals foreign = new ForeignRefusals();
        for (int i = 0; i < 100_000; i++) {
            foreign.test(call("tool" + i, false));
        }
        assertFalse(foreign.test(call("tool0", true)));
        assertTrue(foreign.test(call("tool99999", true)));
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        foreign.save(out);
        ForeignRefusals copy = new ForeignRefusals();
        copy.load(new BaselineCodec.Reader(out.bytes()));
        assertFalse(copy.test(call("tool" + (ForeignRefusals.MAX_TOOLS - 1), true)));
        assertTrue(copy.test(call("tool" + ForeignRefusals.MAX_TOOLS, true)));
    }

    @Test
    void aSnapshotClaimingMoreToolsThanTheBoundOrAMissingNameIsRefused() {
        BaselineCodec.Writer tooMany = new BaselineCodec.Writer();
        tooMany.i(ForeignRefusals.MAX_TOOLS + 1);
        assertThrows(java.io.IOException.class,
                () -> new ForeignRefusals().load(new BaselineCodec.Reader(tooMany.bytes())));
        BaselineCodec.Writer missing = new BaselineCodec.Writer();
        missing.i(1);
        missing.s(null);
        assertThrows(java.io.IOException.class,
                () -> new ForeignRefusals().load(new BaselineCodec.Reader(missing.bytes())));
    }
}
