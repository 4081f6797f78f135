package dev.bulwark.server.config;

/** Content guards on tool output and egress arguments. */
public record GuardSettings(PiiSettings pii) {
    public GuardSettings {
        pii = pii == null ? new PiiSettings(null, null, null, null, null) : pii;
    }
}
