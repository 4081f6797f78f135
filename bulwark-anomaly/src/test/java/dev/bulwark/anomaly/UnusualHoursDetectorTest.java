package dev.bulwark.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnusualHoursDetectorTest {
    private static final AnomalySettings SETTINGS = AnomalySettings.defaults();
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final CallEvent CALL = new CallEvent(Instant.EPOCH, "a", null, "s", "crm.get_customer", null,
            CallEvent.Outcome.ALLOWED, Set.of(), 100, -1, false, null);

    /** A slow principal: one call every 5 minutes from 09:00 to 17:00 UTC (96 a day), so 0.2 % is a few calls. */
    private static final class Principal {
        UnusualHoursDetector detector = new UnusualHoursDetector(SETTINGS);
        long history;

        void workday(long day) {
            for (long t = day * DAY + 9 * HOUR; t < day * DAY + 17 * HOUR; t += 5 * MINUTE) {
                detector.observe(CALL, t, history++);
            }
        }

        /** Twenty calls two minutes apart from {@code hour}:00 of {@code day}; the 1-based calls reported. */
        List<Integer> night(long day, int hour) {
            List<Integer> reported = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                if (detector.observe(CALL, day * DAY + hour * HOUR + i * 2 * MINUTE, history++) != null) {
                    reported.add(i + 1);
                }
            }
            return reported;
        }
    }

    @Test
    void oneNightsRunDoesNotMakeTheNeighbouringHoursUsualForTheNextNight() {
        // learned at once, the first run's own calls lifted 22:00 past 0.2 % of this principal's ~670 calls after 14
        // of them, the last 6 counted in full, and 23:00 a week on (22:00 its neighbour) went unreported; learned at
        // a tenth when the run ends, the run is 2 of ~1,150 calls then (0.17 %)
        Principal p = new Principal();
        for (long day = 0; day < 7; day++) {
            p.workday(day);
        }
        assertThat(p.night(6, 22)).first().isEqualTo(3);
        for (long day = 7; day < 12; day++) {
            p.workday(day);
        }
        assertThat(p.night(12, 23)).first().isEqualTo(3);
    }

    @Test
    void aLastingChangeOfScheduleBecomesUsualOverDays() {
        Principal p = new Principal();
        for (long day = 0; day < 5; day++) {
            p.workday(day);
        }
        int nightsReported = 0;
        for (long day = 5; day < 40; day++) {
            p.workday(day);
            nightsReported += p.night(day, 22).isEmpty() ? 0 : 1;
        }
        assertThat(nightsReported).isBetween(1, 20);
        assertThat(p.night(40, 22)).isEmpty();
    }

    @Test
    void aClockGoingBackwardsOrAYearLongGapEndsTheRunWithoutFailing() {
        Principal p = new Principal();
        for (long day = 0; day < 5; day++) {
            p.workday(day);
        }
        long t = 5 * DAY + 22 * HOUR;
        p.detector.observe(CALL, t, p.history++);
        p.detector.observe(CALL, t - 10 * HOUR, p.history++); // backwards: a run cannot span it
        p.detector.observe(CALL, t + 400 * DAY, p.history++);
        assertThat(p.night(406, 2)).first().isEqualTo(3);
    }

    @Test
    void aDetectorRestoredInTheMiddleOfARunJudgesAsTheOneThatNeverStopped() throws IOException {
        Principal kept = new Principal();
        Principal restarted = new Principal();
        for (long day = 0; day < 5; day++) {
            kept.workday(day);
            restarted.workday(day);
        }
        long t = 5 * DAY + 22 * HOUR;
        for (Principal p : List.of(kept, restarted)) {
            p.detector.observe(CALL, t, p.history++);
            p.detector.observe(CALL, t + MINUTE, p.history++);
        }
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        restarted.detector.save(out);
        restarted.detector = new UnusualHoursDetector(SETTINGS);
        restarted.detector.load(new BaselineCodec.Reader(out.bytes()));
        assertThat(restarted.night(7, 23)).isEqualTo(kept.night(7, 23));
        assertThat(restarted.night(9, 21)).isEqualTo(kept.night(9, 21)).isNotEmpty();
    }

    @Test
    void aSnapshotWithANonFiniteOrNegativeCountIsRefused() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            BaselineCodec.Writer out = new BaselineCodec.Writer();
            new UnusualHoursDetector(SETTINGS).save(out);
            byte[] bytes = out.bytes();
            java.nio.ByteBuffer.wrap(bytes).putDouble(0, bad); // the first hour's count
            assertThatThrownBy(() -> new UnusualHoursDetector(SETTINGS).load(new BaselineCodec.Reader(bytes)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aSnapshotOfTheFormatBeforeOffHourRunsIsRefusedAndRelearned() throws IOException {
        byte[] good = new Profile(SETTINGS).encode();
        java.nio.ByteBuffer.wrap(good).putInt(4, 4); // the format written before session 10
        assertThatThrownBy(() -> Profile.decode(SETTINGS, good)).isInstanceOf(IOException.class)
                .hasMessageContaining("format " + Profile.FORMAT);
        assertThat(Profile.FORMAT).isEqualTo(5);
    }
}
