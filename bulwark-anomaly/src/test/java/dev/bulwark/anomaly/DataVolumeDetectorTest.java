package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataVolumeDetectorTest {
    private static final AnomalySettings SETTINGS = AnomalySettings.defaults();

    private static CallEvent read(long bytes, long items) {
        return new CallEvent(Instant.EPOCH, "a", null, "s", "sales.query", null, CallEvent.Outcome.ALLOWED, Set.of(),
                bytes, items, false, null);
    }

    /** A detector that learned 400 reads of log-normal sizes (median 10,000 bytes, spread 0.8). */
    private static DataVolumeDetector learned(Random r, boolean withItems, boolean itemsFollowBytes) {
        DataVolumeDetector d = new DataVolumeDetector(SETTINGS);
        for (int i = 0; i < 400; i++) {
            double g = r.nextGaussian();
            long bytes = (long) (10_000 * Math.exp(0.8 * g));
            long items = !withItems ? -1 : (long) (100 * Math.exp(0.8 * (itemsFollowBytes ? g : r.nextGaussian())));
            assertNull(d.observe(read(bytes, items), i, i), "read " + i);
        }
        return d;
    }

    private static int firstFinding(DataVolumeDetector d, int reads, long bytes, long items) {
        for (int i = 1; i <= reads; i++) {
            if (d.observe(read(bytes, items), 1000 + i, 1000 + i) != null) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aRunOfReadsEachBelowTheSingleReadLevelIsReportedWithinAFew() {
        // 20 × the median is 3.7 deviations: no single read is reported, four in a row are
        DataVolumeDetector d = learned(new Random(1), false, false);
        int at = firstFinding(d, 10, 200_000, -1);
        assertTrue(at >= 3 && at <= 6, "first finding at read " + at);
    }

    @Test
    void oneSuchReadAmongUsualOnesIsNot() {
        DataVolumeDetector d = learned(new Random(2), false, false);
        assertNull(d.observe(read(200_000, -1), 500, 500));
        for (int i = 0; i < 20; i++) {
            assertNull(d.observe(read(10_000, -1), 501 + i, 501 + i));
        }
        assertNull(d.observe(read(200_000, -1), 600, 600));
    }

    @Test
    void bytesAndRowsMovingIndependentlyAreTwoPiecesOfEvidence() {
        // both 3.7 deviations up: independent measures combine to 5.2 (reported by the second or third read, as
        // the learned deviations allow); measures that always move together are one piece of evidence (3.7)
        int independent = firstFinding(learned(new Random(3), true, false), 10, 200_000, 2_000);
        int together = firstFinding(learned(new Random(3), true, true), 10, 200_000, 2_000);
        assertTrue(independent >= 2 && independent <= 3, "independent measures reported at " + independent);
        assertTrue(together > independent, "correlated measures reported at " + together);
    }

    @Test
    void hugeReadsDoNotInflateTheBaselineThatJudgesTheNextOnes() {
        DataVolumeDetector d = learned(new Random(4), false, false);
        assertNotNull(d.observe(read(Long.MAX_VALUE, -1), 500, 500));
        for (int i = 0; i < 5; i++) {
            d.observe(read(Long.MAX_VALUE, -1), 501 + i, 501 + i);
        }
        for (int i = 0; i < 30; i++) {
            d.observe(read(10_000, -1), 510 + i, 510 + i);
        }
        // a 100 × read is still 5.8 deviations out: the six huge reads moved the baseline only by their clipped share
        assertNotNull(d.observe(read(1_000_000, -1), 600, 600));
    }

    @Test
    void aLastingChangeOfSizeIsLearnedRatherThanReportedForever() {
        DataVolumeDetector d = learned(new Random(5), false, false);
        Random r = new Random(6);
        int late = 0;
        for (int i = 0; i < 1500; i++) {
            long bytes = (long) (300_000 * Math.exp(0.8 * r.nextGaussian()));
            if (d.observe(read(bytes, -1), 500 + i, 500 + i) != null && i >= 1000) {
                late++;
            }
        }
        assertEquals(0, late);
    }

    @Test
    void aScoreFromFewReadsIsTheNormalScoreOfStudentsTail() {
        // 30 reads, unit deviation: t = 5 with 29 degrees of freedom has the tail of z = 4.212 (exact, scipy);
        // with 5 reads (4 degrees of freedom) t = 5 is only z = 2.674
        double thirty = DataVolumeDetector.score(5 * Math.sqrt(1 + 1 / 30.0) * Math.sqrt(30 / 29.0), 0, 1, 30);
        double five = DataVolumeDetector.score(5 * Math.sqrt(1 + 1 / 5.0) * Math.sqrt(5 / 4.0), 0, 1, 5);
        assertEquals(4.212, thirty, 0.05);
        assertEquals(2.674, five, 0.07);
        assertTrue(DataVolumeDetector.score(-3, 0, 1, 30) < 0);
    }

    @Test
    void aToolReadOnlyAFewTimesIsJudgedWithCaution() {
        DataVolumeDetector d = new DataVolumeDetector(SETTINGS);
        long h = 0;
        for (; h < 300; h++) {
            d.observe(new CallEvent(Instant.EPOCH, "a", null, "s", "docs.search", null, CallEvent.Outcome.ALLOWED,
                    Set.of(), 5000, -1, false, null), h, h);
        }
        Random r = new Random(8);
        for (int i = 0; i < 8; i++, h++) {
            assertNull(d.observe(read((long) (10_000 * Math.exp(0.8 * r.nextGaussian())), -1), h, h));
        }
        // after eight reads, 1000 × the usual size is seen within a few reads (each read is an eighth of what is
        // known, so a run teaches fast); 3 × never
        int big = -1;
        for (int i = 1; i <= 10 && big < 0; i++, h++) {
            if (d.observe(read(10_000_000, -1), h, h) != null) {
                big = i;
            }
        }
        assertTrue(big >= 1 && big <= 6, "1000 × after eight reads reported at " + big);
        DataVolumeDetector calm = new DataVolumeDetector(SETTINGS);
        for (int i = 0; i < 8; i++) {
            calm.observe(read((long) (10_000 * Math.exp(0.8 * r.nextGaussian())), -1), 300 + i, 300 + i);
        }
        for (int i = 0; i < 20; i++) {
            assertNull(calm.observe(read(30_000, -1), 400 + i, 400 + i));
        }
    }

    @Test
    void negativeSizesAndCountsAreTakenAsNothingAndKeepTheBaselineFinite() throws Exception {
        DataVolumeDetector d = learned(new Random(7), true, false);
        for (int i = 0; i < 50; i++) {
            d.observe(read(-5, -7), 500 + i, 500 + i);
            d.observe(read(Long.MIN_VALUE, Long.MIN_VALUE), 600 + i, 600 + i);
        }
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        d.save(out);
        // the codec refuses non-finite numbers: loading proves every moment stayed finite
        new DataVolumeDetector(SETTINGS).load(new BaselineCodec.Reader(out.bytes()));
    }
}
