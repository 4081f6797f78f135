package dev.bulwark.anomaly;

import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * How much one call read (bytes of output, and rows or documents when the connector says) against what the
 * principal's calls of the same tool usually read: an exponentially weighted mean and variance of the logarithm of the
 * size. A read more than {@code volumeSigmas} deviations above the mean and {@code volumeRatio} times the usual size is
 * reported. Reads reported do not teach the baseline. At most {@link #MAX_TOOLS} tools have a baseline.
 */
final class DataVolumeDetector implements Detector {
    static final int MAX_TOOLS = 32;
    private static final double ALPHA = 0.02;
    private static final int MIN_SAMPLES = 30;
    /** Log-size deviations smaller than this are treated as this: a tool whose output never varies is not a hair trigger. */
    private static final double MIN_DEVIATION = 0.35;
    private static final long MIN_BYTES = 4096;
    private static final long MIN_ITEMS = 50;

    private final AnomalySettings settings;
    private final Map<String, double[]> bytes = new HashMap<>();
    private final Map<String, double[]> items = new HashMap<>();

    DataVolumeDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.DATA_VOLUME;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        if (call.outcome() != CallEvent.Outcome.ALLOWED) {
            return null;
        }
        Finding byBytes = judge(bytes, call.tool(), call.bytes(), MIN_BYTES, "bytes", history);
        Finding byItems = call.items() < 0 ? null : judge(items, call.tool(), call.items(), MIN_ITEMS, "items",
                history);
        return byBytes != null ? byBytes : byItems;
    }

    private Finding judge(Map<String, double[]> baselines, String tool, long amount, long floor, String unit,
                          long history) {
        double[] s = baselines.get(tool);
        if (s == null) {
            if (baselines.size() >= MAX_TOOLS) {
                return null;
            }
            s = new double[3]; // mean, variance, samples
            baselines.put(tool, s);
        }
        double x = Math.log1p(amount);
        if (s[2] >= MIN_SAMPLES && history >= settings.learnCalls()) {
            double deviation = Math.max(Math.sqrt(s[1]), MIN_DEVIATION);
            double z = (x - s[0]) / deviation;
            double usual = Math.expm1(s[0]);
            if (z > settings.volumeSigmas() && amount >= floor && amount >= settings.volumeRatio() * usual) {
                return new Finding(z, tool + " returned " + amount + " " + unit + "; usually about "
                        + Math.round(usual), Map.of("unit", unit, "amount", amount, "usual", Math.round(usual),
                        "sigmas", CallRateDetector.round(z)));
            }
        }
        if (s[2] == 0) {
            s[0] = x;
        } else {
            double diff = x - s[0];
            s[0] += ALPHA * diff;
            s[1] = (1 - ALPHA) * (s[1] + ALPHA * diff * diff);
        }
        s[2]++;
        return null;
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        for (Map<String, double[]> baselines : List.of(bytes, items)) {
            out.i(baselines.size());
            baselines.forEach((tool, s) -> {
                out.s(tool);
                for (double v : s) {
                    out.d(v);
                }
            });
        }
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        for (Map<String, double[]> baselines : List.of(bytes, items)) {
            int n = in.i(0, MAX_TOOLS);
            for (int k = 0; k < n; k++) {
                String tool = in.s();
                double[] s = {in.d(), in.d(), in.d()};
                if (tool == null || s[1] < 0 || s[2] < 0) {
                    throw new java.io.IOException("a size baseline is malformed");
                }
                baselines.put(tool, s);
            }
        }
    }
}
