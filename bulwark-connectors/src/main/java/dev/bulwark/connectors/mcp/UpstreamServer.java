package dev.bulwark.connectors.mcp;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.tool.ToolKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach one upstream MCP server and how to govern its tools.
 *
 * @param name    the connector name, prefix of every tool it offers
 * @param url     the Streamable HTTP endpoint (http or https), or empty for a local command
 * @param command the command and arguments of a stdio server, or empty for a URL
 * @param env     environment of the stdio process; the gateway's own environment is not passed on
 * @param kinds   kind of tools by upstream name; tools not listed are read when the upstream marks them read-only,
 *                else write
 * @param labels  labels added to every output of this upstream, besides {@code untrusted}
 * @param timeout how long one call may take
 * @param mode    trust on first use, or manual approval of new tools
 * @param toolPrefix what agents see in front of the upstream's tool names: {@code name + "."} by default (also when
 *                   {@code null}), {@code ""} to mount the tools under the upstream's own names, or any other prefix
 *                   of up to 64 of {@code [A-Za-z0-9_.-/]}; see {@link dev.bulwark.spi.tool.Connector#toolPrefix()}
 */
public record UpstreamServer(String name, Optional<URI> url, List<String> command, Map<String, String> env,
                             Map<String, ToolKind> kinds, Set<String> labels, Duration timeout, PinningMode mode,
                             String toolPrefix) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_./-]{0,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public UpstreamServer {
        Checks.present(name, "upstream name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("upstream name must match " + NAME.pattern() + ": " + name);
        }
        Checks.present(url, "url");
        command = List.copyOf(Checks.present(command, "command"));
        if (url.isPresent() == !command.isEmpty()) {
            throw new IllegalArgumentException("upstream " + name + " needs exactly one of url and command");
        }
        url.ifPresent(u -> requireHttpUrl(name, u));
        command.forEach(part -> Checks.nonBlank(part, "command part"));
        env = Map.copyOf(Checks.present(env, "env"));
        if (!env.isEmpty() && url.isPresent()) {
            throw new IllegalArgumentException("upstream " + name + ": env applies to a command, not to a url");
        }
        env.forEach((key, value) -> {
            if (!ENV_NAME.matcher(key).matches()) {
                throw new IllegalArgumentException("upstream " + name + ": invalid environment variable name " + key);
            }
        });
        kinds = Map.copyOf(Checks.present(kinds, "kinds"));
        kinds.keySet().forEach(tool -> Checks.nonBlank(tool, "tool name in kinds"));
        labels = Set.copyOf(Checks.present(labels, "labels"));
        labels.forEach(label -> Checks.nonBlank(label, "label"));
        Checks.present(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("upstream " + name + ": timeout must be above zero and at most "
                    + MAX_TIMEOUT.toMinutes() + " minutes");
        }
        Checks.present(mode, "mode");
        toolPrefix = toolPrefix == null ? name + "." : toolPrefix;
        if (!PREFIX.matcher(toolPrefix).matches()) {
            throw new IllegalArgumentException("upstream " + name + ": tool prefix must be at most 64 of"
                    + " A-Z a-z 0-9 _ . - /: " + toolPrefix);
        }
    }

    /** An upstream reached over Streamable HTTP, with defaults: 30 s timeout, trust on first use. */
    public static UpstreamServer http(String name, URI url) {
        return new UpstreamServer(name, Optional.of(url), List.of(), Map.of(), Map.of(), Set.of(), DEFAULT_TIMEOUT,
                PinningMode.TRUST_ON_FIRST_USE, null);
    }

    /** An upstream started as a local process speaking stdio, with the same defaults. */
    public static UpstreamServer stdio(String name, List<String> command) {
        return new UpstreamServer(name, Optional.empty(), command, Map.of(), Map.of(), Set.of(), DEFAULT_TIMEOUT,
                PinningMode.TRUST_ON_FIRST_USE, null);
    }

    public UpstreamServer withEnv(Map<String, String> newEnv) {
        return new UpstreamServer(name, url, command, newEnv, kinds, labels, timeout, mode, toolPrefix);
    }

    public UpstreamServer withKinds(Map<String, ToolKind> newKinds) {
        return new UpstreamServer(name, url, command, env, newKinds, labels, timeout, mode, toolPrefix);
    }

    public UpstreamServer withLabels(Set<String> newLabels) {
        return new UpstreamServer(name, url, command, env, kinds, newLabels, timeout, mode, toolPrefix);
    }

    public UpstreamServer withTimeout(Duration newTimeout) {
        return new UpstreamServer(name, url, command, env, kinds, labels, newTimeout, mode, toolPrefix);
    }

    public UpstreamServer withMode(PinningMode newMode) {
        return new UpstreamServer(name, url, command, env, kinds, labels, timeout, newMode, toolPrefix);
    }

    /** This upstream with its tools shown to agents behind {@code prefix} ({@code ""}: under their own names). */
    public UpstreamServer withToolPrefix(String prefix) {
        return new UpstreamServer(name, url, command, env, kinds, labels, timeout, mode, prefix);
    }

    /** Where the upstream is, for messages and logs: the URL without query, or the command's program. */
    public String location() {
        return url.map(u -> u.getScheme() + "://" + u.getAuthority() + (u.getRawPath() == null ? "" : u.getRawPath()))
                .orElseGet(() -> "command " + command.getFirst());
    }

    private static void requireHttpUrl(String name, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("upstream " + name + ": url must be http or https: " + url);
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("upstream " + name + ": url has no host: " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("upstream " + name + ": credentials must not be put in the url");
        }
        if (url.getRawFragment() != null) {
            throw new IllegalArgumentException("upstream " + name + ": url must not have a fragment");
        }
    }
}
