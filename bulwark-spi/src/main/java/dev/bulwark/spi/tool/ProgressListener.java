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

    /**
     * The agent's client for requests and log messages of the upstream while the call runs; {@link ClientChannel#NONE}
     * unless the agent's transport can carry them. It travels with the listener because both are the agent's side of
     * one call.
     */
    default ClientChannel client() {
        return ClientChannel.NONE;
    }
}
