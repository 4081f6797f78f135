package dev.bulwark.anomaly;

import java.util.Arrays;
import java.util.Map;

/**
 * A change of the principal's call rate, found by a sequential test on the gaps between its calls. Calls of an active
 * stretch (gaps under {@link #PAUSE_MILLIS}) are taken as a Poisson process; the principal's <em>busy</em> rate is the
 * {@link #BUSY_QUANTILE} quantile of the rates of its last {@link #STRETCHES} stretches of at least
 * {@link #MIN_STRETCH} calls (a stretch is cut every {@link #MAX_STRETCH} calls), so its usual busy sessions are part
 * of the baseline. A CUSUM of the log-likelihood ratio
 * of "{@link #RATIO} × the busy rate" against "the busy rate" adds {@code ln RATIO − (RATIO − 1)·rate·gap} per gap and
 * never goes below zero; it is reported when it passes {@code ln(1 / tailProbability) × }{@link #THRESHOLD_SHARE},
 * which keeps the mean run between false alarms at the busy rate itself above 10⁵ calls (Wald's bound e^h). Calls in
 * the last minute must also reach {@code minBurstCalls} (5), so a slow principal's three quick calls are no burst.
 * Stretches inside a reported run do not teach the baseline.
 *
 * <p>Why {@value #STRETCHES} stretches (32 before session 8): the test's bound holds only at the principal's true
 * upper rate, and the quantile lands in the busy regime only while more than (1 − q)·N of the N remembered stretches
 * are busy. That count is binomial (N, busy share), and its relative spread √((1 − share) / (N · share)) falls with
 * √N: with busy sessions a fifth of an agent's stretches, 32 stretches hold at most 3 busy ones (the quantile then
 * sits in the calm regime) about one time in twelve, 96 stretches hold at most 9 about one time in forty. A busy session
 * judged against a calm rate is a false alarm the test's own bound does not cover; the false alarms measured on
 * generated traffic were almost all such (estimated busy rates 1.07–1.9 × an agent's calm rate when its busy sessions
 * ran at 3 ×). Ninety-six stretches are some four to six working days of a principal that works in sessions; the
 * quantile is kept in a sorted copy updated by one removal and one insertion per stretch.
 */
final class CallRateDetector implements Detector {
    static final long PAUSE_MILLIS = 5 * 60_000;
    static final int STRETCHES = 96;
    static final int MIN_STRETCH = 6;
    static final int MAX_STRETCH = 30;
    static final double BUSY_QUANTILE = 0.9;
    static final double RATIO = 5;
    static final double THRESHOLD_SHARE = 0.83;
    private static final int MIN_STRETCHES = 8;
    private static final long WINDOW = 60_000;
    private static final int RING = 128;

    private final AnomalySettings settings;
    private final double threshold;
    private final long[] recent = new long[RING];
    private int size;
    private int head;
    private final double[] stretchRates = new double[STRETCHES];
    /** The remembered stretch rates in ascending order (the first {@code min(stretches, STRETCHES)} entries). */
    private final double[] sortedRates = new double[STRETCHES];
    private int stretches;
    private long stretchStart = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;
    private int stretchCalls;
    private boolean stretchHot;
    private double busyRate = Double.NaN;
    private double cusum;

    CallRateDetector(AnomalySettings settings) {
        this.settings = settings;
        this.threshold = Math.log(1 / settings.tailProbability()) * THRESHOLD_SHARE;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.CALL_RATE;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        recent[head] = time;
        head = (head + 1) % RING;
        size = Math.min(size + 1, RING);
        if (last == Long.MIN_VALUE || time - last >= PAUSE_MILLIS) {
            endStretch();
            stretchStart = time;
            cusum = 0;
        } else if (!Double.isNaN(busyRate)) {
            double gap = Math.max(time - last, 1) / 1000.0;
            cusum = Math.max(0, cusum + Math.log(RATIO) - (RATIO - 1) * busyRate * gap);
        }
        last = time;
        stretchCalls++;
        if (stretchCalls >= MAX_STRETCH && !stretchHot) {
            endStretch(); // a principal that never pauses is measured in pieces
            stretchStart = time;
            stretchCalls = 1;
        }
        if (cusum <= threshold) {
            return null;
        }
        stretchHot = true;
        int inWindow = 0;
        for (int i = 0; i < size; i++) {
            if (recent[i] > time - WINDOW) {
                inWindow++;
            }
        }
        if (history < settings.learnCalls() || stretches < MIN_STRETCHES
                || inWindow < settings.minBurstCalls()) {
            return null;
        }
        double usual = busyRate * 60;
        return new Finding(cusum, inWindow + " calls in the last minute; this principal's busy rate is about "
                + round(usual) + " a minute", Map.of("callsLastMinute", inWindow, "busyPerMinute", round(usual),
                "evidence", round(cusum), "threshold", round(threshold)));
    }

    private void endStretch() {
        if (stretchStart != Long.MIN_VALUE && !stretchHot && stretchCalls >= MIN_STRETCH && last > stretchStart) {
            double rate = (stretchCalls - 1) * 1000.0 / (last - stretchStart);
            int n = Math.min(stretches, STRETCHES);
            if (n == STRETCHES) {
                n = remove(sortedRates, n, stretchRates[stretches % STRETCHES]);
            }
            n = insert(sortedRates, n, rate);
            stretchRates[stretches % STRETCHES] = rate;
            // the count only says how full the ring is and where it goes on: keep it from overflowing
            stretches = stretches == Integer.MAX_VALUE - 1 ? STRETCHES + (stretches + 1) % STRETCHES : stretches + 1;
            busyRate = sortedRates[(int) Math.min(n - 1, Math.floor(BUSY_QUANTILE * n))];
        }
        stretchCalls = 0;
        stretchHot = false;
    }

    /** Removes one occurrence of {@code value} from the ascending {@code sorted[0..n)}; returns the new length. */
    private static int remove(double[] sorted, int n, double value) {
        int at = Arrays.binarySearch(sorted, 0, n, value);
        if (at < 0) {
            at = Math.min(-at - 1, n - 1); // not there (cannot be, for a value of the ring): drop its neighbour
        }
        System.arraycopy(sorted, at + 1, sorted, at, n - at - 1);
        return n - 1;
    }

    /** Inserts {@code value} into the ascending {@code sorted[0..n)}; returns the new length. */
    private static int insert(double[] sorted, int n, double value) {
        int at = Arrays.binarySearch(sorted, 0, n, value);
        int to = at < 0 ? -at - 1 : at;
        System.arraycopy(sorted, to, sorted, to + 1, n - to);
        sorted[to] = value;
        return n + 1;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        out.i(size);
        out.i(head);
        for (long t : recent) {
            out.l(t);
        }
        out.i(stretches);
        for (double r : stretchRates) {
            out.d(r);
        }
        out.l(stretchStart);
        out.l(last);
        out.i(stretchCalls);
        out.b(stretchHot);
        out.d(Double.isNaN(busyRate) ? -1 : busyRate);
        out.d(cusum);
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        size = in.i(0, RING);
        head = in.i(0, RING - 1);
        for (int i = 0; i < RING; i++) {
            recent[i] = in.l();
        }
        stretches = in.i(0, Integer.MAX_VALUE);
        int n = 0;
        for (int i = 0; i < STRETCHES; i++) {
            stretchRates[i] = in.d();
            if (!(stretchRates[i] >= 0) || Double.isInfinite(stretchRates[i])) {
                throw new java.io.IOException("a stretch rate that is not a finite non-negative number");
            }
        }
        for (int i = 0; i < Math.min(stretches, STRETCHES); i++) {
            n = insert(sortedRates, n, stretchRates[i]);
        }
        stretchStart = in.l();
        last = in.l();
        stretchCalls = in.i(0, Integer.MAX_VALUE);
        stretchHot = in.b();
        double busy = in.d();
        busyRate = busy < 0 ? Double.NaN : busy;
        cusum = Math.max(0, in.d());
    }
}
