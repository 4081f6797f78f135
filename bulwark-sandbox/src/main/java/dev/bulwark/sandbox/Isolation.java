package dev.bulwark.sandbox;

/**
 * Whether the sandbox can run on this host, as the start-up probe found.
 *
 * @param ready   {@code true} only when every check of the probe passed
 * @param summary what is in force (when ready) or why the tool is disabled (when not)
 */
public record Isolation(boolean ready, String summary) {
    public Isolation {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("an isolation status needs a summary");
        }
    }

    static Isolation disabled(String reason) {
        return new Isolation(false, "code execution disabled: " + reason);
    }
}
