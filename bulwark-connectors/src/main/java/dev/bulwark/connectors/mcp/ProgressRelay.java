package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.tool.ProgressListener;

/**
 * Passes one call's progress notifications to its listener. Progress must increase, so a repeated or smaller value
 * is dropped; a listener that throws does not disturb the call.
 */
final class ProgressRelay {
    private static final System.Logger LOG = System.getLogger(ProgressRelay.class.getName());
    private final ProgressListener listener;
    private double last = Double.NEGATIVE_INFINITY;

    ProgressRelay(ProgressListener listener) {
        this.listener = listener;
    }

    synchronized void accept(Double progress, Double total, String message) {
        if (progress == null || progress.isNaN() || progress <= last) {
            return;
        }
        last = progress;
        try {
            listener.onProgress(progress, total, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "progress listener failed", e);
        }
    }
}
