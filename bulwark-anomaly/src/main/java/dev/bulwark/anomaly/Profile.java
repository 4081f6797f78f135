package dev.bulwark.anomaly;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * One principal's baselines: a detector of each kind, its call count and when each kind was last reported. A profile
 * is {@code dirty} when it learned since it was last written to the baseline store.
 */
final class Profile {
    /** Changes whenever the binary form changes; a snapshot of another version is not read. */
    static final int FORMAT = 5;
    private static final int MAGIC = 0x42574231; // "BWB1"

    final List<Detector> detectors;
    final long[] reportedAt = new long[AnomalyKind.values().length];
    long calls;
    long lastTime = Long.MIN_VALUE;
    boolean dirty;

    Profile(AnomalySettings settings) {
        this.detectors = List.of(new CallRateDetector(settings), new FirstUseDetector(settings),
                new DataVolumeDetector(settings), RareEventBurst.denials(settings), RareEventBurst.foreignDenials(settings),
                new UnusualHoursDetector(settings),
                new FanOutDetector(settings), new SensitiveSequenceDetector(settings),
                RareEventBurst.injections(settings), new OutsideIntentDetector(settings));
        Arrays.fill(reportedAt, Long.MIN_VALUE);
    }

    byte[] encode() {
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        out.i(MAGIC);
        out.i(FORMAT);
        out.l(calls);
        out.l(lastTime);
        out.i(reportedAt.length);
        for (long t : reportedAt) {
            out.l(t);
        }
        out.i(detectors.size());
        for (Detector d : detectors) {
            out.i(d.kind().ordinal());
            d.save(out);
        }
        return out.bytes();
    }

    /** A profile read from a snapshot; throws when the snapshot is not one this version wrote, or breaks a bound. */
    static Profile decode(AnomalySettings settings, byte[] bytes) throws IOException {
        BaselineCodec.Reader in = new BaselineCodec.Reader(bytes);
        if (in.i() != MAGIC || in.i() != FORMAT) {
            throw new IOException("not a baseline snapshot of format " + FORMAT);
        }
        Profile p = new Profile(settings);
        p.calls = in.l();
        p.lastTime = in.l();
        if (p.calls < 0) {
            throw new IOException("negative call count");
        }
        in.i(p.reportedAt.length, p.reportedAt.length);
        for (int k = 0; k < p.reportedAt.length; k++) {
            p.reportedAt[k] = in.l();
        }
        in.i(p.detectors.size(), p.detectors.size());
        for (Detector d : p.detectors) {
            in.i(d.kind().ordinal(), d.kind().ordinal());
            d.load(in);
        }
        in.end();
        return p;
    }
}
