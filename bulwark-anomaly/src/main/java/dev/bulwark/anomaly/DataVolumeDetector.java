package dev.bulwark.anomaly;

import java.util.HashMap;
import java.util.Map;

/**
 * How much the principal's calls of one tool read (bytes of output, and rows or documents when the connector says)
 * against what they usually read: per tool, an exponentially weighted mean and variance of the logarithm of each size
 * and their covariance. Two rules, both per tool:
 *
 * <ul>
 *   <li><b>One read</b> more than {@code volumeSigmas} deviations above the mean and {@code volumeRatio} times the
 *       usual size (bytes or items) is reported at once.</li>
 *   <li><b>A run of reads</b> each somewhat large is reported by a CUSUM of the read's score {@code z}: it adds
 *       {@code z − volumeSigmas/2} and never goes below zero, and is reported past {@code volumeSigmas} (so two reads at
 *       the single-read level, or four at three-quarters of it), the read also at least √{@code volumeRatio} times the
 *       usual size. Under normal log sizes the mean run between false alarms of this CUSUM is far beyond 10⁹ reads;
 *       its use is that ten reads at 20 × of a tool whose sizes vary widely are each unremarkable but together are
 *       not.</li>
 * </ul>
 *
 * <p>A read's score combines its two measures when the connector reports both: {@code (z_bytes + z_items) / √(2 + 2ρ)},
 * ρ being the tool's own correlation of the two (taken in 0..1), which is a standard normal score when both are, and
 * counts the two as one piece of evidence when they always move together. The baseline learns from every read, with
 * deviations clipped at {@link #CLIP} deviations (a Huber-type update, the variance corrected for the clipping): a run
 * of huge reads moves the mean by at most {@link #ALPHA} × 2 deviations each and cannot inflate the variance that
 * judges the next ones, yet a lasting change of a tool's sizes is learned rather than reported forever. A tool is
 * judged from its {@link #MIN_SAMPLES}th read on, its scores through Student's t (see {@link #score}), so a tool read
 * only a few times is judged with the caution its few reads call for instead of not at all. At most
 * {@link #MAX_TOOLS} tools have a baseline.
 */
final class DataVolumeDetector implements Detector {
    static final int MAX_TOOLS = 32;
    static final double ALPHA = 0.02;
    static final double CLIP = 2;
    /** E[min(z², CLIP²)] for a standard normal z: dividing by it keeps the clipped variance unbiased. */
    static final double CLIPPED_VARIANCE = 0.9206;
    /** Reads of a tool before it is judged (Student's t then has 4 degrees of freedom). */
    static final int MIN_SAMPLES = 5;
    /** Log-size deviations smaller than this are treated as this: a tool whose output never varies is not a hair trigger. */
    private static final double MIN_DEVIATION = 0.35;
    private static final long MIN_BYTES = 4096;
    private static final long MIN_ITEMS = 50;
    /** Per tool: bytes mean, variance, samples; items mean, variance, samples; covariance; CUSUM. */
    private static final int MB = 0, VB = 1, NB = 2, MI = 3, VI = 4, NI = 5, COV = 6, SUM = 7, FIELDS = 8;

    private final AnomalySettings settings;
    private final Map<String, double[]> tools = new HashMap<>();

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
        double[] s = tools.get(call.tool());
        if (s == null) {
            if (tools.size() >= MAX_TOOLS) {
                return null;
            }
            s = new double[FIELDS];
            tools.put(call.tool(), s);
        }
        double xb = Math.log1p(call.bytes());
        boolean hasItems = call.items() >= 0;
        double xi = hasItems ? Math.log1p(call.items()) : Double.NaN;
        boolean bytesKnown = s[NB] >= MIN_SAMPLES;
        boolean itemsKnown = hasItems && s[NI] >= MIN_SAMPLES;
        Finding finding = null;
        if (bytesKnown && history >= settings.learnCalls()) {
            double zb = score(xb, s[MB], s[VB], s[NB]);
            double z = zb;
            double zi = Double.NaN;
            if (itemsKnown) {
                zi = score(xi, s[MI], s[VI], s[NI]);
                double rho = s[VB] > 0 && s[VI] > 0 ? Math.clamp(s[COV] / Math.sqrt(s[VB] * s[VI]), 0, 1) : 1;
                z = (zb + zi) / Math.sqrt(2 + 2 * rho);
            }
            s[SUM] = Math.min(2 * settings.volumeSigmas(), Math.max(0, s[SUM] + z - settings.volumeSigmas() / 2));
            finding = single(call, zb, s[MB], call.bytes(), MIN_BYTES, "bytes");
            if (finding == null && itemsKnown) {
                finding = single(call, zi, s[MI], call.items(), MIN_ITEMS, "items");
            }
            double usual = Math.expm1(s[MB]);
            if (finding == null && s[SUM] >= settings.volumeSigmas() && call.bytes() >= MIN_BYTES
                    && call.bytes() >= Math.sqrt(settings.volumeRatio()) * usual) {
                finding = new Finding(s[SUM], call.tool() + " returned " + call.bytes() + " bytes, the latest of a run"
                        + " of large reads; usually about " + Math.round(usual), Map.of("unit", "bytes", "amount",
                        call.bytes(), "usual", Math.round(usual), "sigmas", CallRateDetector.round(z), "evidence",
                        CallRateDetector.round(s[SUM])));
            }
        }
        learn(s, xb, xi);
        return finding;
    }

    /**
     * How far {@code x} lies above a tool's usual log-size, as a standard normal score: Student's t of the prediction
     * for a new read from {@code n} reads ({@code n − 1} degrees of freedom, at most those of the exponential
     * average's memory), turned into the normal score of the same tail by Wallace's approximation (within 0.05 of
     * the exact value from 4 degrees of freedom on). A tool read a handful of times is judged, with the caution its
     * few reads call for.
     */
    static double score(double x, double mean, double variance, double n) {
        double memory = Math.min(n, 2 / ALPHA);
        double deviation = Math.max(Math.sqrt(variance * memory / (memory - 1)), MIN_DEVIATION);
        double t = (x - mean) / (deviation * Math.sqrt(1 + 1 / memory));
        double nu = memory - 1;
        double z = (1 - 1 / (8 * nu)) * Math.sqrt(nu * Math.log1p(t * t / nu));
        return Math.copySign(z, t);
    }

    private Finding single(CallEvent call, double z, double mean, long amount, long floor, String unit) {
        double usual = Math.expm1(mean);
        if (z > settings.volumeSigmas() && amount >= floor && amount >= settings.volumeRatio() * usual) {
            return new Finding(z, call.tool() + " returned " + amount + " " + unit + "; usually about "
                    + Math.round(usual), Map.of("unit", unit, "amount", amount, "usual", Math.round(usual),
                    "sigmas", CallRateDetector.round(z)));
        }
        return null;
    }

    private static void learn(double[] s, double xb, double xi) {
        double dB = update(s, MB, VB, NB, xb);
        if (!Double.isNaN(xi)) {
            double dI = update(s, MI, VI, NI, xi);
            s[COV] = (1 - ALPHA) * (s[COV] + ALPHA * dB * dI);
        }
    }

    /** Moves one measure's mean and variance towards {@code x}; returns the clipped deviation used. */
    private static double update(double[] s, int mean, int variance, int samples, double x) {
        double diff = 0;
        if (s[samples] == 0) {
            s[mean] = x;
        } else {
            // running moments until the exponential average's memory is reached (an average started at zero would
            // take the variance too small for a long while); deviations clipped once there are enough reads to
            // judge, the variance corrected for the clipping
            double a = Math.max(ALPHA, 1 / (s[samples] + 1));
            diff = x - s[mean];
            if (s[samples] >= MIN_SAMPLES) {
                double bound = CLIP * Math.max(Math.sqrt(s[variance]), MIN_DEVIATION);
                diff = Math.clamp(diff, -bound, bound);
                s[variance] = (1 - a) * (s[variance] + a * diff * diff / CLIPPED_VARIANCE);
            } else {
                s[variance] = (1 - a) * (s[variance] + a * diff * diff);
            }
            s[mean] += a * diff;
        }
        s[samples]++;
        return diff;
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        out.i(tools.size());
        tools.forEach((tool, s) -> {
            out.s(tool);
            for (double v : s) {
                out.d(v);
            }
        });
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        int n = in.i(0, MAX_TOOLS);
        for (int k = 0; k < n; k++) {
            String tool = in.s();
            double[] s = new double[FIELDS];
            for (int f = 0; f < FIELDS; f++) {
                s[f] = in.d();
            }
            if (tool == null || s[VB] < 0 || s[VI] < 0 || s[NB] < 0 || s[NI] < 0 || s[SUM] < 0) {
                throw new java.io.IOException("a size baseline is malformed");
            }
            tools.put(tool, s);
        }
    }
}
