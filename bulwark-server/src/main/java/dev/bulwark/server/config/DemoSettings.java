package dev.bulwark.server.config;

/** @param enabled whether the built-in CRM connector and demo agents exist (default true) */
public record DemoSettings(Boolean enabled) {
    public DemoSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    public boolean on() {
        return enabled;
    }
}
