package dev.bulwark.server.resources;

import dev.bulwark.engine.pipeline.CallOutcome;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.server.http.McpGate;
import dev.bulwark.server.mcp.GateVerifiedAuthenticator;
import dev.bulwark.server.relay.CallCancellations;
import dev.bulwark.server.relay.ClientRelay;
import dev.bulwark.spi.tool.ProgressListener;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.policy.Subject;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Answers {@code resources/list}, {@code resources/templates/list}, {@code resources/read}, {@code prompts/list},
 * {@code prompts/get} and {@code completion/complete} for the front door. Lists show a principal only what policy may
 * permit it ({@link FeatureListing}); reads, gets and completions run through the call
 * pipeline as calls of the owning upstream's {@link FeatureConnector} tools, so they are authenticated, decided,
 * audited and screened like tool calls, and their screened output is delivered in the upstream's shape.
 */
public final class McpResourcesDoor {
    /** MCP's error code for a resource that does not exist. */
    static final int RESOURCE_NOT_FOUND = -32002;

    private final FeatureCatalog catalog;
    private final Map<String, FeatureConnector> connectors;
    private final CallPipeline pipeline;
    private final GateVerifiedAuthenticator gateVerified;
    private final FeatureListing listing;

    /** Subscriptions to upstream resources; {@code null} offers none (relay work, docs/security/relay.md). */
    private ResourceSubscriptions subscriptions;

    private final ListChanges listChanges;

    /** Relays what upstreams ask agents' clients during reads and prompt gets; {@code null} relays nothing. */
    private volatile ClientRelay relay;

    McpResourcesDoor withSubscriptions(ResourceSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
        return this;
    }

    /** An upstream's resource or prompt list changed ({@code method}); never blocks. */
    void listChanged(String method) {
        listChanges.changed(method);
    }

    McpResourcesDoor(FeatureCatalog catalog, Map<String, FeatureConnector> connectors, CallPipeline pipeline,
                     GateVerifiedAuthenticator gateVerified, PolicyEngine policies) {
        this.catalog = catalog;
        this.connectors = Map.copyOf(connectors);
        this.pipeline = pipeline;
        this.gateVerified = gateVerified;
        this.listing = new FeatureListing(catalog, this.connectors, policies);
        this.listChanges = new ListChanges(new ListChanges.Views() {
            @Override
            public ListChanges.Digests afresh() {
                FeatureCatalog.Snapshot listed = catalog.refresh();
                return (list, principal) -> listing.digest(list, principal, listed);
            }

            @Override
            public ListChanges.Digests cached() {
                FeatureCatalog.Snapshot listed = catalog.current();
                return (list, principal) -> listing.digest(list, principal, listed);
            }
        }, new ListWatchers());
    }

    /**
     * Adds the capabilities upstreams have (or may have: one not connected yet counts as having them) to what the
     * front door advertises.
     */
    public McpSchema.ServerCapabilities.Builder advertise(McpSchema.ServerCapabilities.Builder capabilities) {
        boolean resources = false;
        boolean prompts = false;
        boolean completions = false;
        List<McpSchema.ServerCapabilities> declared = new ArrayList<>();
        for (FeatureCatalog.Upstream upstream : catalog.upstreams()) {
            McpSchema.ServerCapabilities theirs = upstream.features().capabilities();
            declared.add(theirs);
            resources |= theirs == null || theirs.resources() != null;
            prompts |= theirs == null || theirs.prompts() != null;
            completions |= theirs == null || theirs.completions() != null;
        }
        Set<String> changes = listChanges.advertise(declared);
        if (resources) {
            capabilities.resources(subscriptions != null && subscriptions.offered(),
                    changes.contains(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED));
        }
        if (prompts) {
            capabilities.prompts(changes.contains(McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED));
        }
        if (completions) {
            capabilities.completions();
        }
        return capabilities;
    }

    /** The front door's transport, with this door answering its methods; nothing is relayed to clients. */
    public McpStreamableServerTransportProvider wrap(McpStreamableServerTransportProvider transport,
                                                     McpJsonMapper json) {
        return wrap(transport, json, null);
    }

    /**
     * The front door's transport, with this door answering its methods; what an upstream asks the agent's client
     * during a {@code resources/read} or {@code prompts/get} goes through {@code relay} ({@code null}: refused).
     */
    public McpStreamableServerTransportProvider wrap(McpStreamableServerTransportProvider transport,
                                                     McpJsonMapper json, ClientRelay relay) {
        this.relay = relay;
        Map<String, McpRequestHandler<?>> handlers = new LinkedHashMap<>();
        handlers.put(McpSchema.METHOD_RESOURCES_LIST, handler(ex -> shown(ex, ListChanges.Shown.RESOURCES,
                listing.resources(principal(ex)), McpSchema.ListResourcesResult::resources)));
        handlers.put(McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, handler(ex -> shown(ex,
                ListChanges.Shown.TEMPLATES, listing.templates(principal(ex)),
                McpSchema.ListResourceTemplatesResult::resourceTemplates)));
        handlers.put(McpSchema.METHOD_PROMPT_LIST, handler(ex -> shown(ex, ListChanges.Shown.PROMPTS,
                listing.prompts(principal(ex)), McpSchema.ListPromptsResult::prompts)));
        handlers.put(McpSchema.METHOD_RESOURCES_READ, (ex, params) -> Mono.fromCallable(() ->
                read(ex, json.convertValue(params, McpSchema.ReadResourceRequest.class))));
        handlers.put(McpSchema.METHOD_PROMPT_GET, (ex, params) -> Mono.fromCallable(() ->
                prompt(ex, json.convertValue(params, McpSchema.GetPromptRequest.class))));
        handlers.put(McpSchema.METHOD_COMPLETION_COMPLETE, (ex, params) -> Mono.fromCallable(() ->
                complete(ex, json.convertValue(params, McpSchema.CompleteRequest.class))));
        if (subscriptions != null) {
            handlers.putAll(subscriptions.handlers(transport, json));
        }
        listChanges.notifying(transport);
        return new HandlerOverlay(transport, handlers, this::initialized);
    }

    /** A session initialized: noted for list changes; a failure here never fails the session's initialization. */
    private void initialized(McpAsyncServerExchange exchange) {
        try {
            listChanges.connected(exchange.sessionId(), principal(exchange));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(McpResourcesDoor.class)
                    .warn("session not noted for list changes: {}", e.toString());
        }
    }

    /** A list as shown to the exchange's principal, noted so that it is told only of changes of what it sees. */
    private <T> T shown(McpAsyncServerExchange exchange, ListChanges.Shown list, T result,
                        Function<T, List<?>> items) {
        listChanges.shown(exchange.sessionId(), principal(exchange), list, FeatureListing.digest(items.apply(result)));
        return result;
    }

    private static <T> McpRequestHandler<T> handler(Function<McpAsyncServerExchange, T> answer) {
        return (exchange, params) -> Mono.fromCallable(() -> answer.apply(exchange));
    }

    private static Principal principal(McpAsyncServerExchange exchange) {
        return exchange.transportContext().get(McpGate.PRINCIPAL) instanceof Principal p ? p : null;
    }

    McpSchema.ReadResourceResult read(McpAsyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
        String uri = request == null ? null : request.uri();
        if (uri == null || uri.isBlank()) {
            throw invalid("resources/read needs a uri");
        }
        if (uri.length() > Subject.MAX_ID_CHARS) {
            throw invalid("uri longer than " + Subject.MAX_ID_CHARS + " characters");
        }
        String owner = catalog.resolve(uri).map(FeatureCatalog.Target::upstream).orElse(null);
        CallOutcome outcome = call(exchange, owner, FeatureConnector.READ, Map.of("uri", uri));
        if (outcome instanceof CallOutcome.Refused refused
                && refused.code() == dev.bulwark.engine.pipeline.Refusal.UNKNOWN_TOOL) {
            throw McpError.builder(RESOURCE_NOT_FOUND).message("resource not found: " + printable(uri)).build();
        }
        return FeatureContent.read((FeatureContent.Read) delivered(owner, outcome), completed(outcome));
    }

    McpSchema.GetPromptResult prompt(McpAsyncServerExchange exchange, McpSchema.GetPromptRequest request) {
        String shown = request == null ? null : request.name();
        if (shown == null || shown.isBlank() || shown.length() > Subject.MAX_ID_CHARS) {
            throw invalid("prompts/get needs a prompt name of at most " + Subject.MAX_ID_CHARS + " characters");
        }
        var target = catalog.prompt(shown);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", target.map(FeatureCatalog.PromptTarget::name).orElse(shown));
        if (request.arguments() != null) {
            args.put("arguments", request.arguments());
        }
        String owner = target.map(FeatureCatalog.PromptTarget::upstream).orElse(null);
        CallOutcome outcome = call(exchange, owner, FeatureConnector.PROMPT, args);
        if (outcome instanceof CallOutcome.Refused refused
                && refused.code() == dev.bulwark.engine.pipeline.Refusal.UNKNOWN_TOOL) {
            throw invalid("unknown prompt: " + printable(shown));
        }
        return FeatureContent.prompt((FeatureContent.Prompt) delivered(owner, outcome), completed(outcome));
    }

    McpSchema.CompleteResult complete(McpAsyncServerExchange exchange, McpSchema.CompleteRequest request) {
        if (request == null || request.ref() == null || request.argument() == null) {
            throw invalid("completion/complete needs a ref and an argument");
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        String owner;
        if (request.ref() instanceof McpSchema.PromptReference p) {
            var target = p.name() == null ? java.util.Optional.<FeatureCatalog.PromptTarget>empty()
                    : catalog.prompt(p.name());
            owner = target.map(FeatureCatalog.PromptTarget::upstream).orElse(null);
            ref.put("type", "ref/prompt");
            ref.put("name", target.map(FeatureCatalog.PromptTarget::name).orElse(String.valueOf(p.name())));
        } else if (request.ref() instanceof McpSchema.ResourceReference r && r.uri() != null) {
            owner = catalog.template(r.uri()).or(() -> catalog.resolve(r.uri()))
                    .map(FeatureCatalog.Target::upstream).orElse(null);
            ref.put("type", "ref/resource");
            ref.put("uri", r.uri());
        } else {
            throw invalid("completion/complete needs a ref/prompt or ref/resource reference");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("ref", ref);
        Map<String, Object> argument = new LinkedHashMap<>();
        argument.put("name", request.argument().name());
        argument.put("value", request.argument().value());
        args.put("argument", argument);
        if (request.context() != null && request.context().arguments() != null) {
            args.put("context", Map.of("arguments", request.context().arguments()));
        }
        CallOutcome outcome = call(exchange, owner, FeatureConnector.COMPLETE, args);
        if (outcome instanceof CallOutcome.Refused refused
                && refused.code() == dev.bulwark.engine.pipeline.Refusal.UNKNOWN_TOOL) {
            throw invalid("unknown completion reference");
        }
        return FeatureContent.completion((FeatureContent.Completion) delivered(owner, outcome), completed(outcome));
    }

    /**
     * Runs the call through the pipeline. A call whose owner is unknown is still sent (under a name no connector
     * has), so that it is authenticated and audited before it is refused.
     */
    private CallOutcome call(McpAsyncServerExchange exchange, String owner, String feature,
                             Map<String, Object> arguments) {
        McpTransportContext ctx = exchange.transportContext();
        String credential = ctx.get(McpGate.CREDENTIAL) instanceof String s ? s : null;
        String tool = owner == null ? feature : owner + "." + feature;
        String session = exchange.sessionId() == null ? "none" : exchange.sessionId();
        Authentication verified = ctx.get(McpGate.AUTHENTICATION) instanceof Authentication a ? a : null;
        ClientRelay relaying = relay;
        // completions are not relayed: an upstream asking the user while they type is refused
        boolean relayed = relaying != null && exchange.sessionId() != null
                && !FeatureConnector.COMPLETE.equals(feature);
        try (var logged = dev.bulwark.server.logging.LogContext.open(session, Map.of());
             var channel = relayed ? relaying.open(ProgressListener.IGNORE, new McpSyncServerExchange(exchange),
                     ctx.get(CallCancellations.RPC_ID) instanceof String id ? id : null) : null) {
            CallRequest request = new CallRequest(credential, session, tool, arguments,
                    channel == null ? null : channel.listener());
            return gateVerified.during(credential, verified, () -> pipeline.handle(request));
        }
    }

    /** The upstream's answer kept for a completed call, taken (and so forgotten) whatever the outcome. */
    private FeatureContent.Shape delivered(String owner, CallOutcome outcome) {
        FeatureConnector connector = owner == null ? null : connectors.get(owner);
        FeatureContent.Shape shape = connector == null ? null : connector.take(outcome.callId());
        if (outcome instanceof CallOutcome.Completed && shape == null) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("internal error").build();
        }
        return shape;
    }

    private static dev.bulwark.spi.tool.ToolResult completed(CallOutcome outcome) {
        return switch (outcome) {
            case CallOutcome.Completed done -> done.result();
            case CallOutcome.Refused refused -> throw switch (refused.code()) {
                case UNKNOWN_TOOL, INVALID_ARGUMENTS -> invalid(refused.message());
                case UNAUTHENTICATED -> McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                        .message("unauthenticated: " + refused.message()).build();
                case DENIED, APPROVAL_REQUIRED -> McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                        .message(refused.code().name() + ": " + refused.message()).build();
                case INTERNAL_ERROR, CONNECTOR_FAILED, OUTPUT_BLOCKED ->
                        McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                                .message(refused.code().name() + ": " + refused.message()).build();
            };
        };
    }

    private static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    /** At most 200 characters of untrusted text, control characters replaced, for error messages. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > 200 ? out + "…" : out.toString();
    }
}
