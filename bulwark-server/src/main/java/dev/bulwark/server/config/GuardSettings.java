package dev.bulwark.server.config;

/** Content guards on tool output and egress arguments. */
public record GuardSettings(PiiSettings pii, InjectionSettings injection) {
    public GuardSettings {
        pii = pii == null ? new PiiSettings(null, null, null, null, null) : pii;
        injection = injection == null ? new InjectionSettings(null, null, null, null, null, null) : injection;
    }
}
