package dev.bulwark.spi.tool;

/** Receives progress a connector reports while a call runs, passed through to the agent. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener IGNORE = (progress, total, message) -> { };

    /**
     * @param progress increasing progress value
     * @param total    total, or {@code null} when unknown
     * @param message  optional human-readable message, or {@code null}
     */
    void onProgress(double progress, Double total, String message);
}
