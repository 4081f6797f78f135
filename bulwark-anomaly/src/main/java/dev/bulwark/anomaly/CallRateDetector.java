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
 */
final class CallRateDetector implements Detector {
    static final long PAUSE_MILLIS = 5 * 60_000;
    static final int STRETCHES = 32;
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
            stretchRates[stretches % STRETCHES] = (stretchCalls - 1) * 1000.0 / (last - stretchStart);
            stretches++;
            double[] sorted = Arrays.copyOf(stretchRates, Math.min(stretches, STRETCHES));
            Arrays.sort(sorted);
            busyRate = sorted[(int) Math.min(sorted.length - 1, Math.floor(BUSY_QUANTILE * sorted.length))];
        }
        stretchCalls = 0;
        stretchHot = false;
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
        for (int i = 0; i < STRETCHES; i++) {
            stretchRates[i] = in.d();
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
