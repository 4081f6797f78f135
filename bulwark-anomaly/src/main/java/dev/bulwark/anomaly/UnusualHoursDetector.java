package dev.bulwark.anomaly;

import java.util.Map;

/**
 * The hour of day (UTC) of the principal's calls. Once its history spans {@link #MIN_DAYS} days, a call in an hour that
 * (with its two neighbours) holds less than {@code rareHourFraction} of its calls is off-hours; {@link #CALLS} such calls
 * within an hour are reported (one stray call, say a scheduled job, is not). Off-hour calls teach the histogram at a
 * tenth of the weight, so a lasting change of schedule becomes normal over days rather than at once.
 *
 * <p>A run of off-hour calls (each within an hour of the previous one) is learned only when it ends: until then its
 * calls wait aside and the hour is judged against the histogram as it was before the run. Learned at once, a run's
 * own calls lifted its hour past {@code rareHourFraction} (a slow principal's 0.2 % is a handful of calls, and past it
 * every further call counted in full), so one night's misbehaviour made that hour and its neighbours usual and the next
 * night's went unreported (session 10: three of setting F's forty episodes were such).
 */
final class UnusualHoursDetector implements Detector {
    static final int MIN_DAYS = 3;
    static final int CALLS = 3;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    private final AnomalySettings settings;
    private final double[] hours = new double[24];
    private double total;
    private long firstDay = Long.MIN_VALUE;
    private final long[] offHours = new long[CALLS];
    private int offHead;
    /** The current off-hours run's calls per hour, learned (at a tenth) when the run ends. */
    private final int[] pending = new int[24];
    private long runLast = Long.MIN_VALUE;

    UnusualHoursDetector(AnomalySettings settings) {
        this.settings = settings;
        java.util.Arrays.fill(offHours, Long.MIN_VALUE);
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.UNUSUAL_HOURS;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        int hour = (int) Math.floorMod(time, DAY) / (int) HOUR;
        long day = Math.floorDiv(time, DAY);
        if (firstDay == Long.MIN_VALUE) {
            firstDay = day;
        }
        if (runLast != Long.MIN_VALUE && (time - runLast >= HOUR || time < runLast)) {
            endRun();
        }
        double share = total == 0 ? 0 : (hours[(hour + 23) % 24] + hours[hour] + hours[(hour + 1) % 24]) / total;
        boolean mature = day - firstDay >= MIN_DAYS && history >= settings.learnCalls();
        boolean rare = mature && share < settings.rareHourFraction();
        if (!rare) {
            hours[hour] += 1;
            total += 1;
            return null;
        }
        pending[hour] = pending[hour] == Integer.MAX_VALUE ? pending[hour] : pending[hour] + 1;
        runLast = time;
        offHours[offHead] = time;
        offHead = (offHead + 1) % CALLS;
        for (long t : offHours) {
            if (t == Long.MIN_VALUE || t <= time - HOUR) {
                return null;
            }
        }
        return new Finding(1 / Math.max(share, 1e-6), CALLS + " calls within an hour at " + hour
                + ":00 UTC, an hour holding " + CallRateDetector.round(share * 100) + "% of this principal's calls",
                Map.of("hourUtc", hour, "shareOfCalls", CallRateDetector.round(share)));
    }

    private void endRun() {
        for (int h = 0; h < 24; h++) {
            hours[h] += 0.1 * pending[h];
            total += 0.1 * pending[h];
            pending[h] = 0;
        }
        runLast = Long.MIN_VALUE;
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        for (double h : hours) {
            out.d(h);
        }
        out.d(total);
        out.l(firstDay);
        for (long t : offHours) {
            out.l(t);
        }
        out.i(offHead);
        for (int n : pending) {
            out.i(n);
        }
        out.l(runLast);
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        for (int i = 0; i < 24; i++) {
            hours[i] = in.d();
            if (!(hours[i] >= 0) || Double.isInfinite(hours[i])) {
                throw new java.io.IOException("an hour count that is not a finite non-negative number");
            }
        }
        total = in.d();
        if (!(total >= 0) || Double.isInfinite(total)) {
            throw new java.io.IOException("a total that is not a finite non-negative number");
        }
        firstDay = in.l();
        for (int i = 0; i < CALLS; i++) {
            offHours[i] = in.l();
        }
        offHead = in.i(0, CALLS - 1);
        for (int h = 0; h < 24; h++) {
            pending[h] = in.i(0, Integer.MAX_VALUE);
        }
        runLast = in.l();
    }
}
