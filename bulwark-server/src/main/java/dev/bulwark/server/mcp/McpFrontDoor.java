package dev.bulwark.server.mcp;

import dev.bulwark.engine.pipeline.CallOutcome;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.engine.tools.ToolCatalog;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.server.http.McpGate;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.ProgressListener;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the SDK's MCP server on the Streamable HTTP servlet and connects it to the pipeline. The SDK handles the
 * protocol (initialize, sessions, SSE); Bulwark decides every call.
 */
public final class McpFrontDoor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(McpFrontDoor.class);
    public static final String ENDPOINT = "/mcp";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final ToolSync toolSync;
    private final ScheduledExecutorService refresher;

    public McpFrontDoor(CallPipeline pipeline, GateVerifiedAuthenticator gateVerified, ToolRegistry registry,
                        PolicyEngine policies, int maxRequestBytes, String version) {
        this(pipeline, gateVerified, registry, policies, maxRequestBytes, version, null, null);
    }

    /** @param resources answers resources, prompts and completions; {@code null} offers none */
    public McpFrontDoor(CallPipeline pipeline, GateVerifiedAuthenticator gateVerified, ToolRegistry registry,
                        PolicyEngine policies, int maxRequestBytes, String version,
                        dev.bulwark.server.resources.McpResourcesDoor resources) {
        this(pipeline, gateVerified, registry, policies, maxRequestBytes, version, resources, null);
    }

    /** As above; with {@code relay}, what upstreams ask of the agent's client during a call is relayed by its rules. */
    public McpFrontDoor(CallPipeline pipeline, GateVerifiedAuthenticator gateVerified, ToolRegistry registry,
                        PolicyEngine policies, int maxRequestBytes, String version,
                        dev.bulwark.server.resources.McpResourcesDoor resources,
                        dev.bulwark.server.relay.ClientRelay relay) {
        ToolCatalog catalog = new ToolCatalog(registry, policies);
        McpJsonMapper json = new DirectRequestMapper(
                new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()));
        ExecutionWritingMapper executions = new ExecutionWritingMapper(json);
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(executions)
                .mcpEndpoint(ENDPOINT)
                .maxRequestSize(maxRequestBytes)
                .keepAliveInterval(Duration.ofSeconds(30))
                .contextExtractor(request -> {
                    Map<String, Object> ctx = new HashMap<>();
                    Object principal = request.getAttribute(McpGate.PRINCIPAL);
                    Object credential = request.getAttribute(McpGate.CREDENTIAL);
                    Object verified = request.getAttribute(McpGate.AUTHENTICATION);
                    if (verified != null) {
                        ctx.put(McpGate.AUTHENTICATION, verified);
                    }
                    if (principal != null) {
                        ctx.put(McpGate.PRINCIPAL, principal);
                    }
                    if (credential != null) {
                        ctx.put(McpGate.CREDENTIAL, credential);
                    }
                    if (request.getAttribute(dev.bulwark.server.relay.CallCancellations.RPC_ID) instanceof String id) {
                        ctx.put(dev.bulwark.server.relay.CallCancellations.RPC_ID, id);
                    }
                    Map<String, String> trace = traceHeaders(request);
                    if (!trace.isEmpty()) {
                        ctx.put(TRACE_CONTEXT, trace);
                    }
                    return McpTransportContext.create(ctx);
                })
                .build();
        this.server = McpServer.sync(resources == null ? transport : resources.wrap(transport, json, relay))
                .jsonMapper(json)
                .serverInfo("bulwark", version)
                .instructions("Bulwark gateway: every tool call is authenticated, authorized by policy and audited.")
                .capabilities(advertised(resources, McpSchema.ServerCapabilities.builder().tools(true).logging()))
                .validateToolInputs(false)
                // Run calls on the request's Jetty thread (the servlet blocks it for the call anyway) rather than on
                // Reactor's small shared pool, where blocked calls would queue behind each other.
                .immediateExecution(true)
                .addToolFilter((ctx, tool) -> visible(ctx, tool, registry, catalog))
                .requestTimeout(Duration.ofMinutes(5))
                .build();
        this.toolSync = new ToolSync(server, json, executions, registry::exposure,
                (exchange, req) -> call(pipeline, gateVerified, relay, exchange, req));
        toolSync.sync();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulwark-tool-sync");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::syncQuietly, 2, 2, TimeUnit.SECONDS);
    }

    private static McpSchema.ServerCapabilities advertised(dev.bulwark.server.resources.McpResourcesDoor resources,
                                                           McpSchema.ServerCapabilities.Builder capabilities) {
        return (resources == null ? capabilities : resources.advertise(capabilities)).build();
    }

    /** The servlet to mount at {@link #ENDPOINT}. */
    public HttpServletStreamableServerTransportProvider servlet() {
        return transport;
    }

    /** Brings the advertised tools up to date now (e.g. after an admin approved a changed upstream tool). */
    public void syncTools() {
        toolSync.sync();
    }

    private void syncQuietly() {
        try {
            toolSync.sync();
        } catch (RuntimeException e) {
            LOG.warn("tool list sync failed: {}", e.toString());
        }
    }

    /** Whether the principal may see the tool listed under {@code tool.name()}, the name agents see. */
    private static boolean visible(McpTransportContext ctx, McpSchema.Tool tool, ToolRegistry registry,
                                   ToolCatalog catalog) {
        return ctx.get(McpGate.PRINCIPAL) instanceof Principal principal && registry.findExposed(tool.name())
                .map(t -> catalog.visible(principal, t.name())).orElse(false);
    }

    private static final String TRACE_CONTEXT = "bulwark.traceContext";

    /** The W3C trace-context headers of the HTTP request, for telemetry (checked there, never trusted). */
    private static Map<String, String> traceHeaders(jakarta.servlet.http.HttpServletRequest request) {
        Map<String, String> headers = null;
        for (String name : CallRequest.TRACE_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                headers = headers == null ? new HashMap<>(2) : headers;
                headers.put(name, value);
            }
        }
        return headers == null ? Map.of() : headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> traceContext(McpTransportContext ctx) {
        return ctx.get(TRACE_CONTEXT) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    /** The {@code _meta} key naming the task a call belongs to (honoured for task starters only). */
    public static final String TASK_META = "bulwark/task";

    private static McpSchema.CallToolResult call(CallPipeline pipeline, GateVerifiedAuthenticator gateVerified,
                                                 dev.bulwark.server.relay.ClientRelay relay,
                                                 McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        McpTransportContext ctx = exchange.transportContext();
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        ProgressListener reported = token == null ? ProgressListener.IGNORE
                : (value, total, message) -> exchange.progressNotification(
                        new McpSchema.ProgressNotification(token, value, total, message));
        try (var relayed = relay == null ? null : relay.open(reported, exchange,
                ctx.get(dev.bulwark.server.relay.CallCancellations.RPC_ID) instanceof String id ? id : null)) {
            return call(pipeline, gateVerified, exchange, request, relayed == null ? reported : relayed.listener());
        }
    }

    private static McpSchema.CallToolResult call(CallPipeline pipeline, GateVerifiedAuthenticator gateVerified,
                                                 McpSyncServerExchange exchange, McpSchema.CallToolRequest request,
                                                 ProgressListener progress) {
        McpTransportContext ctx = exchange.transportContext();
        String credential = ctx.get(McpGate.CREDENTIAL) instanceof String s ? s : null;
        Object task = request.meta() == null ? null : request.meta().get(TASK_META);
        CallRequest callRequest = new CallRequest(credential, exchange.sessionId(), request.name(),
                request.arguments() == null ? Map.of() : request.arguments(), progress,
                task == null ? null : task instanceof String s ? s : "", traceContext(ctx),
                ElicitationVeto.of(exchange));
        Authentication verified = ctx.get(McpGate.AUTHENTICATION) instanceof Authentication a ? a : null;
        CallOutcome outcome;
        // every line logged while the call runs carries its session and trace ids
        try (var logged = dev.bulwark.server.logging.LogContext.open(callRequest.sessionId(),
                callRequest.traceContext())) {
            outcome = gateVerified.during(credential, verified, () -> pipeline.handle(callRequest));
        }
        return switch (outcome) {
            case CallOutcome.Completed done -> McpContent.toMcp(done.result());
            case CallOutcome.Refused refused -> switch (refused.code()) {
                case UNKNOWN_TOOL, INVALID_ARGUMENTS -> throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message(refused.message()).build();
                case UNAUTHENTICATED -> throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                        .message("unauthenticated: " + refused.message()).build();
                case INTERNAL_ERROR -> throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message(refused.message()).build();
                case DENIED, APPROVAL_REQUIRED, CONNECTOR_FAILED, OUTPUT_BLOCKED ->
                        McpContent.errorText(refused.code().name() + ": " + refused.message());
            };
        };
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        server.closeGracefully();
    }
}
