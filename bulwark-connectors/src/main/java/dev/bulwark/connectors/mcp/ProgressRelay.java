package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.tool.ProgressListener;

/**
 * Passes one call's progress notifications to its listener. Progress must increase, so a repeated or smaller value
 * is dropped; at most {@link #MAX_PER_CALL} are passed (an upstream's flood stops at the gateway); a listener that
 * throws does not disturb the call.
 */
final class ProgressRelay {
    /** Progress notifications of one call passed to the agent; the rest are dropped. */
    static final int MAX_PER_CALL = 1_000;
    private static final System.Logger LOG = System.getLogger(ProgressRelay.class.getName());
    private final ProgressListener listener;
    private double last = Double.NEGATIVE_INFINITY;
    private int passed;

    ProgressRelay(ProgressListener listener) {
        this.listener = listener;
    }

    synchronized void accept(Double progress, Double total, String message) {
        if (progress == null || progress.isNaN() || progress <= last || passed >= MAX_PER_CALL) {
            return;
        }
        last = progress;
        passed++;
        try {
            listener.onProgress(progress, total, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "progress listener failed", e);
        }
    }
}
