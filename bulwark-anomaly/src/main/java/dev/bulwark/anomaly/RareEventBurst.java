package dev.bulwark.anomaly;

import java.util.Map;
import java.util.function.Predicate;

/**
 * A rise in the principal's rate of a kind of event (a denial, an injection finding), found by a sequential test
 * against its own long-run rate {@code p0} (exponentially weighted, never taken below a floor so that a principal that
 * never erred is not a hair trigger). For each alternative rate {@code p1} of {@link #ALTERNATIVES} that is at least
 * twice {@code p0} a Bernoulli CUSUM adds the log-likelihood ratio of each call, {@code ln(p1/p0)} for an event and
 * {@code ln((1−p1)/(1−p0))} for none, never going below zero. A CUSUM passing {@code ln(1/tailProbability) × }
 * {@link CallRateDetector#THRESHOLD_SHARE}{@code  + ln(alternatives) + ln(families)} is reported (Wald: the mean run
 * between false alarms of each CUSUM at the principal's own rate is at least e^h; the alternatives, and the families
 * of one kind, share that budget: denials are tested as all refusals and as refusals of foreign tools). Unlike a count
 * in a fixed window, evidence accrues from the first call of a burst at the speed the rates allow: a quarter of calls
 * refused after 1 % is seen sooner than half refused after 10 %. At least {@code minimum} events in the last
 * {@link #WINDOW} calls are also required, so a handful of events on a floor rate is no burst. Calls while a CUSUM is
 * past its threshold do not teach the rate, unless that has lasted 1 / {@link #ALPHA} calls: a lasting change then
 * becomes the baseline at the rate's own pace rather than freezing it. Each CUSUM is capped at twice the threshold so
 * that the end of an endless burst is seen again. Nothing is tested while the principal's first {@code learnCalls}
 * calls teach the rate.
 */
final class RareEventBurst implements Detector {
    /** What is counted: a predicate on calls, with the state it keeps (if any) kept in the baseline. */
    interface Counter extends Predicate<CallEvent> {
        default void save(BaselineCodec.Writer out) {}

        default void load(BaselineCodec.Reader in) throws java.io.IOException {}
    }

    static final int WINDOW = 20;
    /** Rates a burst is tested for: a quarter, half or three quarters of calls. */
    static final double[] ALTERNATIVES = {0.25, 0.5, 0.75};
    private static final double ALPHA = 0.005;
    /** Calls past the threshold after which the change is taken as lasting and the rate learns again. */
    private static final int LASTING = (int) (1 / ALPHA);

    private final AnomalySettings settings;
    private final AnomalyKind kind;
    private final Counter counted;
    private final double floor;
    private final int minimum;
    private final String what;
    private final double threshold;
    private final boolean[] ring = new boolean[WINDOW];
    private final double[] cusum = new double[ALTERNATIVES.length];
    /** Per alternative, the step for an event and for none, at {@link #cachedRate}. */
    private final double[] hitStep = new double[ALTERNATIVES.length];
    private final double[] missStep = new double[ALTERNATIVES.length];
    private int head;
    private int inWindow;
    /** Calls in a row past the threshold, up to {@link #LASTING}. */
    private int alarmed;
    private double rate;
    private double cachedRate = -1;

    RareEventBurst(AnomalySettings settings, AnomalyKind kind, Counter counted, double floor, int minimum,
                   String what, int families) {
        this.settings = settings;
        this.kind = kind;
        this.counted = counted;
        this.floor = floor;
        this.minimum = minimum;
        this.what = what;
        this.threshold = Math.log(1 / settings.tailProbability()) * CallRateDetector.THRESHOLD_SHARE
                + Math.log(ALTERNATIVES.length) + Math.log(families);
    }

    /**
     * Refusals of any tool. One of the two denial-burst families ({@link #foreignDenials}): each family's threshold
     * takes ln 2 more, so the two share the kind's false-alarm budget.
     */
    static RareEventBurst denials(AnomalySettings settings) {
        return new RareEventBurst(settings, AnomalyKind.DENIAL_BURST, CallEvent::denied, 0.02, 5, "refused calls", 2);
    }

    /** Refusals of tools the principal was never allowed to call ({@link ForeignRefusals}): probing. */
    static RareEventBurst foreignDenials(AnomalySettings settings) {
        return new RareEventBurst(settings, AnomalyKind.DENIAL_BURST, new ForeignRefusals(), 0.01, 3,
                "refused calls to tools this principal was never allowed", 2);
    }

    static RareEventBurst injections(AnomalySettings settings) {
        return new RareEventBurst(settings, AnomalyKind.REPEATED_INJECTION, CallEvent::injection, 0.01, 3,
                "injection findings", 1);
    }

    @Override
    public AnomalyKind kind() {
        return kind;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        boolean hit = counted.test(call);
        if (ring[head]) {
            inWindow--;
        }
        ring[head] = hit;
        head = (head + 1) % WINDOW;
        if (hit) {
            inWindow++;
        }
        if (history < settings.learnCalls()) {
            rate += ALPHA * ((hit ? 1 : 0) - rate); // learning: the rate is not yet a baseline to test against
            return null;
        }
        steps(Math.max(rate, floor));
        double evidence = 0;
        int strongest = -1;
        for (int j = 0; j < cusum.length; j++) {
            if (Double.isNaN(hitStep[j])) {
                cusum[j] = 0; // the principal's own rate is already near this alternative
                continue;
            }
            cusum[j] = Math.min(2 * threshold, Math.max(0, cusum[j] + (hit ? hitStep[j] : missStep[j])));
            if (cusum[j] > evidence) {
                evidence = cusum[j];
                strongest = j;
            }
        }
        alarmed = evidence > threshold ? Math.min(alarmed + 1, LASTING) : 0;
        if (alarmed > 0 && alarmed < LASTING) {
            if (inWindow >= minimum) {
                return new Finding(evidence, inWindow + " " + what + " in the last " + WINDOW + " calls; usual rate "
                        + CallRateDetector.round(rate * 100) + "%", Map.of("count", inWindow, "window", WINDOW,
                        "usualRate", CallRateDetector.round(rate), "testedRate", ALTERNATIVES[strongest],
                        "evidence", CallRateDetector.round(evidence), "threshold",
                        CallRateDetector.round(threshold)));
            }
            return null;
        }
        rate += ALPHA * ((hit ? 1 : 0) - rate);
        return null;
    }

    /** The CUSUM steps at base rate {@code p0} (rounded to 0.1 %, so the logarithms are recomputed rarely). */
    private void steps(double p0) {
        double rounded = Math.min(0.99, Math.round(p0 * 1000) / 1000.0);
        if (rounded == cachedRate) {
            return;
        }
        cachedRate = rounded;
        for (int j = 0; j < ALTERNATIVES.length; j++) {
            double p1 = ALTERNATIVES[j];
            boolean tested = p1 >= 2 * rounded;
            hitStep[j] = tested ? Math.log(p1 / rounded) : Double.NaN;
            missStep[j] = tested ? Math.log((1 - p1) / (1 - rounded)) : Double.NaN;
        }
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        for (boolean hit : ring) {
            out.b(hit);
        }
        out.i(head);
        out.d(rate);
        for (double s : cusum) {
            out.d(s);
        }
        out.i(alarmed);
        counted.save(out);
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        inWindow = 0;
        for (int i = 0; i < WINDOW; i++) {
            ring[i] = in.b();
            inWindow += ring[i] ? 1 : 0;
        }
        head = in.i(0, WINDOW - 1);
        rate = in.d();
        if (rate < 0 || rate > 1) {
            throw new java.io.IOException("a rate outside 0..1");
        }
        for (int j = 0; j < cusum.length; j++) {
            cusum[j] = in.d();
            if (cusum[j] < 0 || cusum[j] > 2 * threshold) {
                throw new java.io.IOException("a CUSUM outside its bounds");
            }
        }
        alarmed = in.i(0, LASTING);
        counted.load(in);
    }
}
