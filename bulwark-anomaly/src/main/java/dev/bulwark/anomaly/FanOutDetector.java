package dev.bulwark.anomaly;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Distinct connectors touched within {@link #WINDOW_MILLIS} (and the last {@link #RING} calls) against the most the
 * principal ever touched in such a window: {@code fanOutMargin} more than that, and at least {@link #MIN_CONNECTORS}, is
 * reported. The baseline learns a block of {@link #WINDOW_MILLIS} only once the block is over, and not at all from a
 * block with a report, so a fan-out that grows call by call cannot drag the baseline up with it.
 */
final class FanOutDetector implements Detector {
    static final int RING = 32;
    static final int MIN_CONNECTORS = 4;
    private static final long WINDOW_MILLIS = 10 * 60_000;

    private final AnomalySettings settings;
    private final long[] times = new long[RING];
    private final String[] connectors = new String[RING];
    private int head;
    private int most;
    private long block = Long.MIN_VALUE;
    private int blockMost;
    private boolean blockReported;

    FanOutDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.FAN_OUT;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        long b = Math.floorDiv(time, WINDOW_MILLIS);
        if (b != block) {
            if (!blockReported) {
                most = Math.max(most, blockMost);
            }
            block = b;
            blockMost = 0;
            blockReported = false;
        }
        times[head] = time;
        connectors[head] = call.connector();
        head = (head + 1) % RING;
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < RING; i++) {
            if (connectors[i] != null && times[i] > time - WINDOW_MILLIS) {
                distinct.add(connectors[i]);
            }
        }
        int n = distinct.size();
        int limit = Math.max(MIN_CONNECTORS, most + settings.fanOutMargin());
        blockMost = Math.max(blockMost, n);
        if (n >= limit && history >= settings.learnCalls()) {
            blockReported = true;
            return new Finding(n - most, n + " connectors within 10 minutes; at most " + most + " before",
                    Map.of("connectors", n, "usualMost", most));
        }
        return null;
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        for (int i = 0; i < RING; i++) {
            out.l(times[i]);
            out.s(connectors[i]);
        }
        out.i(head);
        out.i(most);
        out.l(block);
        out.i(blockMost);
        out.b(blockReported);
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        for (int i = 0; i < RING; i++) {
            times[i] = in.l();
            connectors[i] = in.s();
        }
        head = in.i(0, RING - 1);
        most = in.i(0, RING);
        block = in.l();
        blockMost = in.i(0, RING);
        blockReported = in.b();
    }
}
