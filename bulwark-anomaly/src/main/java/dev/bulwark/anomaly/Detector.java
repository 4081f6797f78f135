package dev.bulwark.anomaly;

/**
 * One principal's detector of one kind, holding its baseline. Not thread-safe: the engine calls it for one principal
 * at a time. Each detector's memory is bounded whatever the events.
 */
interface Detector {

    AnomalyKind kind();

    /**
     * Judges a call against the baseline, then learns from it.
     *
     * @param call      the event
     * @param time      the event's time in epoch milliseconds, never before the previous call's for this principal
     * @param history   calls of the principal observed before this one
     * @return a finding, or {@code null} when the call fits the baseline
     */
    Finding observe(CallEvent call, long time, long history);

    /** Writes the baseline (everything {@link #load} needs to carry on as if never stopped). */
    void save(BaselineCodec.Writer out);

    /**
     * Reads a baseline {@link #save} wrote into this fresh detector.
     *
     * @throws java.io.IOException when the data is not such a baseline or breaks a bound
     */
    void load(BaselineCodec.Reader in) throws java.io.IOException;
}
