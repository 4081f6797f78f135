package dev.bulwark.server.resources;

import dev.bulwark.connectors.mcp.McpUpstreamConnector;
import dev.bulwark.engine.pipeline.CallObserver;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.DecideStep;
import dev.bulwark.engine.pipeline.StandardPipeline;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.server.mcp.GateVerifiedAuthenticator;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.policy.PolicyEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Wires the governed resources, prompts and completions of the upstream MCP servers. */
public final class ResourcesSetup {
    private ResourcesSetup() {}

    /**
     * The door for the upstreams' resources and prompts, or {@code null} when no upstream is configured.
     *
     * @param standard the gateway's standard pipeline settings (authentication, policy, sessions, flow, audit,
     *                 guards); its tools and obligations are replaced here, after the tool pipeline was built. No
     *                 obligation is fulfilled on this pipeline: a read whose permit asks for approval is refused
     * @param observer the tool pipeline's telemetry, so reads are counted and traced like calls
     * @param audit    where subscriptions are recorded, with URIs redacted by {@code recorded}
     */
    public static McpResourcesDoor open(List<McpUpstreamConnector> upstreams, StandardPipeline standard,
                                        GateVerifiedAuthenticator gateVerified, PolicyEngine policies, Clock clock,
                                        CallObserver observer, AuditLog audit, Redactor recorded) {
        if (upstreams.isEmpty()) {
            return null;
        }
        List<FeatureCatalog.Upstream> offered = new ArrayList<>();
        Map<String, FeatureConnector> connectors = new LinkedHashMap<>();
        for (McpUpstreamConnector upstream : upstreams) {
            offered.add(new FeatureCatalog.Upstream(upstream.name(), upstream.toolPrefix(),
                    FeatureCatalog.Listing.of(upstream.features())));
            connectors.put(upstream.name(), new FeatureConnector(upstream.name(), upstream.config().labels(),
                    upstream.features()));
        }
        FeatureCatalog catalog = new FeatureCatalog(offered, clock);
        CallPipeline pipeline = pipeline(standard, new ToolRegistry(List.copyOf(connectors.values())), catalog,
                observer);
        Map<String, ResourceSubscriptions.Upstream> features = new LinkedHashMap<>();
        upstreams.forEach(upstream -> features.put(upstream.name(),
                ResourceSubscriptions.Upstream.of(upstream.features())));
        ResourceSubscriptions subscriptions = new ResourceSubscriptions(catalog, connectors, features, policies,
                new SubscriptionRecords(audit, recorded, clock));
        upstreams.forEach(upstream -> upstream.onResourceUpdated(uri -> subscriptions.updated(upstream.name(), uri)));
        McpResourcesDoor door = new McpResourcesDoor(catalog, connectors, pipeline, gateVerified, policies)
                .withSubscriptions(subscriptions);
        upstreams.forEach(upstream -> upstream.onListChanged(door::listChanged));
        return door;
    }

    static CallPipeline pipeline(StandardPipeline standard, ToolRegistry features, FeatureCatalog catalog,
                                 CallObserver observer) {
        return standard.tools(features).fulfilledObligations(Set.of()).steps()
                .insertBefore(DecideStep.class, new SubjectStep(catalog))
                .observer(observer)
                .build();
    }
}
