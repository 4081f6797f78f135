package dev.bulwark.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An upstream MCP server, reached by URL (Streamable HTTP) or started as a command (stdio).
 *
 * @param name    connector name; its tools appear as {@code name.tool}
 * @param url     Streamable HTTP endpoint
 * @param command program and arguments for stdio
 * @param env     environment for the command; values may be {@code ${VAR}}
 * @param kinds   tool name → read / write / egress / execute; others follow the tool's read-only hint, else write
 * @param labels  labels on all its output besides {@code untrusted}
 * @param timeout per-call timeout (default 30s)
 * @param pinning {@code tofu} (approve on first sight, default) or {@code manual}
 * @param prefix  what agents see in front of its tool names: {@code true} (default) for {@code name.}, {@code false}
 *                for none (the upstream's own names), or a string used as is; conflicts are refused at start
 */
public record UpstreamSettings(String name, String url, List<String> command, Map<String, String> env,
                               Map<String, String> kinds, Set<String> labels, String timeout, String pinning,
                               Object prefix) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_./-]{0,64}");

    public UpstreamSettings {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("upstreams[].name must match " + NAME.pattern() + ": " + name);
        }
        url = url == null || url.isBlank() ? null : url;
        command = command == null ? List.of() : List.copyOf(command);
        if ((url == null) == command.isEmpty()) {
            throw new IllegalArgumentException("upstream " + name + ": give exactly one of url or command");
        }
        if (url != null) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("upstream " + name + ": url must be http(s)");
            }
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        kinds = kinds == null ? Map.of() : Map.copyOf(kinds);
        labels = labels == null ? Set.of() : Set.copyOf(labels);
        timeout = timeout == null ? "30s" : timeout;
        Durations.parse(timeout, "upstream " + name + " timeout");
        pinning = pinning == null ? "tofu" : pinning;
        if (!pinning.equals("tofu") && !pinning.equals("manual")) {
            throw new IllegalArgumentException("upstream " + name + ": pinning must be tofu or manual");
        }
        if (prefix != null && !(prefix instanceof Boolean) && !(prefix instanceof String)) {
            throw new IllegalArgumentException("upstream " + name + ": prefix must be true, false or a string");
        }
        if (prefix instanceof String p && !PREFIX.matcher(p).matches()) {
            throw new IllegalArgumentException("upstream " + name + ": prefix must be at most 64 of A-Z a-z 0-9 _ . - /");
        }
    }

    /** An upstream whose tools agents see as {@code name.tool}. */
    public UpstreamSettings(String name, String url, List<String> command, Map<String, String> env,
                            Map<String, String> kinds, Set<String> labels, String timeout, String pinning) {
        this(name, url, command, env, kinds, labels, timeout, pinning, null);
    }

    /** The prefix agents see in front of its tool names ({@code ""} for none). */
    public String toolPrefix() {
        return switch (prefix) {
            case null -> name + ".";
            case Boolean b -> b ? name + "." : "";
            case String s -> s;
            default -> throw new IllegalStateException("unreachable: prefix checked on construction");
        };
    }

    public Duration timeoutDuration() {
        return Durations.parse(timeout, "upstream " + name + " timeout");
    }

    public Map<String, String> resolvedEnv() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, Environment.expand(v, "upstream " + name + " env " + k)));
        return out;
    }
}
