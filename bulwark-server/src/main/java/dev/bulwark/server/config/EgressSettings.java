package dev.bulwark.server.config;

import dev.bulwark.egress.EgressLimits;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The HTTP egress connector ({@code <name>.fetch}, {@code <name>.post}); off by default. Which hosts an agent may
 * reach is policy ({@code context.arguments.host}); with no permit nothing is reachable. Private, loopback,
 * link-local and metadata addresses are refused whatever policy says, and no key here changes that.
 *
 * @param enabled          whether the connector is served (default false)
 * @param name             connector name (default {@code http})
 * @param maxResponseBytes body bytes returned; longer bodies are cut off (default 1 MiB)
 * @param maxRequestBytes  largest {@code post} body (default 256 KiB)
 * @param timeout          total time of one call, redirects included (default 10s)
 * @param maxRedirects     same-origin redirects followed (default 5)
 * @param contentTypes     media types returned (default text/*, JSON and XML)
 */
public record EgressSettings(Boolean enabled, String name, Integer maxResponseBytes, Integer maxRequestBytes,
                             String timeout, Integer maxRedirects, List<String> contentTypes) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public EgressSettings {
        enabled = enabled != null && enabled;
        name = name == null ? "http" : name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("egress.name must match " + NAME.pattern());
        }
        limits(maxResponseBytes, maxRequestBytes, timeout, maxRedirects, contentTypes); // validates
    }

    public static EgressSettings defaults() {
        return new EgressSettings(null, null, null, null, null, null, null);
    }

    public boolean on() {
        return enabled;
    }

    public EgressLimits limits() {
        return limits(maxResponseBytes, maxRequestBytes, timeout, maxRedirects, contentTypes);
    }

    private static EgressLimits limits(Integer maxResponseBytes, Integer maxRequestBytes, String timeout,
                                       Integer maxRedirects, List<String> contentTypes) {
        EgressLimits d = EgressLimits.defaults();
        return new EgressLimits(maxResponseBytes == null ? d.maxResponseBytes() : maxResponseBytes,
                maxRequestBytes == null ? d.maxRequestBytes() : maxRequestBytes,
                timeout == null ? d.timeout() : Durations.parse(timeout, "egress.timeout"),
                maxRedirects == null ? d.maxRedirects() : maxRedirects,
                contentTypes == null ? d.contentTypes() : contentTypes);
    }
}
