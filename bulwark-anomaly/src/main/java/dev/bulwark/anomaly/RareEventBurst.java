package dev.bulwark.anomaly;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Counts a kind of event (a denial, an injection finding) in the principal's last {@link #WINDOW} calls against its own
 * long-run rate of it (exponentially weighted, never taken below a floor so that a principal that never erred is not a
 * hair trigger). A count whose binomial tail probability is below {@code tailProbability}, and at least a minimum, is
 * reported. Calls inside a reported stretch do not teach the rate.
 */
final class RareEventBurst implements Detector {
    static final int WINDOW = 20;
    private static final double ALPHA = 0.005;

    private final AnomalySettings settings;
    private final AnomalyKind kind;
    private final Predicate<CallEvent> counted;
    private final double floor;
    private final int minimum;
    private final String what;
    private final boolean[] ring = new boolean[WINDOW];
    private int head;
    private int inWindow;
    private double rate;
    private double cachedRate = -1;
    private int cachedLimit;

    RareEventBurst(AnomalySettings settings, AnomalyKind kind, Predicate<CallEvent> counted, double floor, int minimum,
                   String what) {
        this.settings = settings;
        this.kind = kind;
        this.counted = counted;
        this.floor = floor;
        this.minimum = minimum;
        this.what = what;
    }

    static RareEventBurst denials(AnomalySettings settings) {
        return new RareEventBurst(settings, AnomalyKind.DENIAL_BURST, CallEvent::denied, 0.02, 5, "refused calls");
    }

    static RareEventBurst injections(AnomalySettings settings) {
        return new RareEventBurst(settings, AnomalyKind.REPEATED_INJECTION, CallEvent::injection, 0.01, 3,
                "injection findings");
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
        double p = Math.max(rate, floor);
        int limit = Math.max(minimum, limit(p));
        if (inWindow >= limit) {
            if (history >= settings.learnCalls()) {
                return new Finding(inWindow, inWindow + " " + what + " in the last " + WINDOW + " calls; usual rate "
                        + CallRateDetector.round(rate * 100) + "%", Map.of("count", inWindow, "window", WINDOW,
                        "usualRate", CallRateDetector.round(rate), "limit", limit));
            }
            return null;
        }
        rate += ALPHA * ((hit ? 1 : 0) - rate);
        return null;
    }

    private int limit(double p) {
        double rounded = Math.round(p * 1000) / 1000.0;
        if (rounded != cachedRate) {
            cachedRate = rounded;
            cachedLimit = Binomial.threshold(WINDOW, Math.min(rounded, 0.99), settings.tailProbability());
        }
        return cachedLimit;
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        for (boolean hit : ring) {
            out.b(hit);
        }
        out.i(head);
        out.d(rate);
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
    }
}
