package dev.bulwark.spi.telemetry;

/**
 * Where a detector reports that it detected an anomaly, for metrics ({@code bulwark_anomalies_total{kind}}). The
 * telemetry module implements it; a detector depends only on this interface. {@code kind} is a short fixed name chosen
 * by the detector (e.g. {@code call_rate}); never a value taken from a call. Implementations are cheap, thread-safe and
 * never throw.
 */
@FunctionalInterface
public interface AnomalyMetrics {
    /** Counts nothing, for when metrics are off. */
    AnomalyMetrics NONE = kind -> { };

    void detected(String kind);
}
