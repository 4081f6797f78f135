package dev.bulwark.server.resources;

import dev.bulwark.connectors.mcp.UpstreamFeatures;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.ConnectorException;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which upstream owns which resource URI, resource template and prompt, as last listed. Upstreams are asked in
 * configuration order and the first one wins: a URI, template or shown prompt name another upstream offered first is
 * left out (and logged), so every item has exactly one owner. A read names a URI: a listed resource's URI first, else
 * the first template (in that order) that matches it. Prompt names are shown behind their upstream's tool prefix,
 * like tools; URIs and templates are shown as the upstream gave them.
 */
final class FeatureCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCatalog.class);
    /** A lookup that misses re-lists at most this often, so unknown URIs cannot make the gateway list upstreams on every request. */
    static final Duration MISS_REFRESH = Duration.ofSeconds(1);

    /** One upstream whose features are offered. */
    record Upstream(String name, String promptPrefix, Listing features) {
    }

    /** What the catalog asks an upstream (an {@link UpstreamFeatures}, or a fake in tests). */
    interface Listing {
        /** As the upstream announced them; {@code null} while it is not connected. */
        McpSchema.ServerCapabilities capabilities();

        List<McpSchema.Resource> resources() throws ConnectorException;

        List<McpSchema.ResourceTemplate> resourceTemplates() throws ConnectorException;

        List<McpSchema.Prompt> prompts() throws ConnectorException;

        static Listing of(UpstreamFeatures features) {
            return new Listing() {
                @Override
                public McpSchema.ServerCapabilities capabilities() {
                    return features.capabilities();
                }

                @Override
                public List<McpSchema.Resource> resources() throws ConnectorException {
                    return features.resources();
                }

                @Override
                public List<McpSchema.ResourceTemplate> resourceTemplates() throws ConnectorException {
                    return features.resourceTemplates();
                }

                @Override
                public List<McpSchema.Prompt> prompts() throws ConnectorException {
                    return features.prompts();
                }
            };
        }
    }

    record Owned<T>(String upstream, T item) {
    }

    /** A resource template with its matcher. */
    record Template(String upstream, McpSchema.ResourceTemplate item, UriTemplate matcher) {
    }

    /** What a read of a URI is about: its owner and the resource or template policy decides. */
    record Target(String upstream, Subject subject) {
    }

    /** A prompt by the name agents see: its owner and its own name there. */
    record PromptTarget(String upstream, String name, Subject subject) {
    }

    record Snapshot(Map<String, Owned<McpSchema.Resource>> resources, List<Template> templates,
                    Map<String, Owned<McpSchema.Prompt>> prompts, List<String> conflicts) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), List.of(), Map.of(), List.of());
    }

    private final List<Upstream> upstreams;
    private final Clock clock;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile Instant lastRefresh = Instant.MIN;
    private List<String> reported = List.of();

    FeatureCatalog(List<Upstream> upstreams, Clock clock) {
        this.upstreams = List.copyOf(upstreams);
        this.clock = clock;
    }

    List<Upstream> upstreams() {
        return upstreams;
    }

    /** What the upstreams offered when last listed; no upstream is asked. */
    Snapshot current() {
        return snapshot;
    }

    /** Lists every upstream again; an upstream that fails to answer offers nothing until the next refresh. */
    synchronized Snapshot refresh() {
        Map<String, Owned<McpSchema.Resource>> resources = new LinkedHashMap<>();
        List<Template> templates = new ArrayList<>();
        Map<String, String> templateOwners = new LinkedHashMap<>();
        Map<String, Owned<McpSchema.Prompt>> prompts = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (Upstream upstream : upstreams) {
            McpSchema.ServerCapabilities capabilities = upstream.features().capabilities();
            if (capabilities == null) {
                continue;
            }
            try {
                if (capabilities.resources() != null) {
                    for (McpSchema.Resource r : upstream.features().resources()) {
                        Owned<McpSchema.Resource> had = resources.putIfAbsent(r.uri(), new Owned<>(upstream.name(), r));
                        if (had != null) {
                            conflicts.add("resource " + r.uri() + " of upstream " + upstream.name()
                                    + " is left out: upstream " + had.upstream() + " offers it first");
                        }
                    }
                    for (McpSchema.ResourceTemplate t : upstream.features().resourceTemplates()) {
                        String had = templateOwners.putIfAbsent(t.uriTemplate(), upstream.name());
                        if (had != null) {
                            conflicts.add("resource template " + t.uriTemplate() + " of upstream " + upstream.name()
                                    + " is left out: upstream " + had + " offers it first");
                        } else {
                            templates.add(new Template(upstream.name(), t, UriTemplate.of(t.uriTemplate())));
                        }
                    }
                }
                if (capabilities.prompts() != null) {
                    for (McpSchema.Prompt p : upstream.features().prompts()) {
                        String shown = upstream.promptPrefix() + p.name();
                        Owned<McpSchema.Prompt> had = prompts.putIfAbsent(shown, new Owned<>(upstream.name(), p));
                        if (had != null) {
                            conflicts.add("prompt " + p.name() + " of upstream " + upstream.name() + " is left out: "
                                    + "upstream " + had.upstream() + " shows a prompt as '" + shown + "' first");
                        }
                    }
                }
            } catch (ConnectorException | RuntimeException e) {
                LOG.warn("resources and prompts of upstream {} are not offered: {}", upstream.name(), e.getMessage());
            }
        }
        if (!conflicts.equals(reported)) {
            conflicts.forEach(c -> LOG.warn("{}", c));
            reported = List.copyOf(conflicts);
        }
        Snapshot fresh = new Snapshot(resources, templates, prompts, conflicts);
        snapshot = fresh;
        lastRefresh = clock.instant();
        return fresh;
    }

    /** The owner of a URI and what policy decides about reading it; empty when no upstream offers it. */
    Optional<Target> resolve(String uri) {
        Optional<Target> found = resolve(snapshot, uri);
        if (found.isEmpty() && staleForMiss()) {
            found = resolve(refresh(), uri);
        }
        return found;
    }

    /** The prompt agents know as {@code shown}; empty when no upstream offers it. */
    Optional<PromptTarget> prompt(String shown) {
        Optional<PromptTarget> found = prompt(snapshot, shown);
        if (found.isEmpty() && staleForMiss()) {
            found = prompt(refresh(), shown);
        }
        return found;
    }

    /** The prompt {@code name} (its own name there) of {@code upstream}; empty when that upstream offers none. */
    Optional<Target> ownPrompt(String upstream, String name) {
        Optional<Target> found = ownPrompt(snapshot, upstream, name);
        if (found.isEmpty() && staleForMiss()) {
            found = ownPrompt(refresh(), upstream, name);
        }
        return found;
    }

    static Optional<Target> ownPrompt(Snapshot snapshot, String upstream, String name) {
        return snapshot.prompts().values().stream()
                .filter(p -> p.upstream().equals(upstream) && p.item().name().equals(name)).findFirst()
                .map(p -> new Target(upstream, Subject.prompt(upstream + "." + name)));
    }

    /** The upstream owning the resource template exactly as written; empty when none does. */
    Optional<Target> template(String uriTemplate) {
        Optional<Target> found = template(snapshot, uriTemplate);
        if (found.isEmpty() && staleForMiss()) {
            found = template(refresh(), uriTemplate);
        }
        return found;
    }

    private boolean staleForMiss() {
        return Duration.between(lastRefresh, clock.instant()).compareTo(MISS_REFRESH) >= 0;
    }

    static Optional<Target> resolve(Snapshot snapshot, String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > Subject.MAX_ID_CHARS) {
            return Optional.empty();
        }
        Owned<McpSchema.Resource> listed = snapshot.resources().get(uri);
        if (listed != null) {
            return Optional.of(new Target(listed.upstream(), Subject.resource(uri)));
        }
        for (Template t : snapshot.templates()) {
            if (t.matcher().matches(uri)) {
                return Optional.of(new Target(t.upstream(), Subject.resource(t.item().uriTemplate())));
            }
        }
        return Optional.empty();
    }

    static Optional<PromptTarget> prompt(Snapshot snapshot, String shown) {
        Owned<McpSchema.Prompt> owned = shown == null ? null : snapshot.prompts().get(shown);
        return owned == null ? Optional.empty() : Optional.of(new PromptTarget(owned.upstream(), owned.item().name(),
                Subject.prompt(owned.upstream() + "." + owned.item().name())));
    }

    static Optional<Target> template(Snapshot snapshot, String uriTemplate) {
        for (Template t : snapshot.templates()) {
            if (t.item().uriTemplate().equals(uriTemplate)) {
                return Optional.of(new Target(t.upstream(), Subject.resource(uriTemplate)));
            }
        }
        return Optional.empty();
    }

    Snapshot snapshot() {
        return snapshot;
    }
}
