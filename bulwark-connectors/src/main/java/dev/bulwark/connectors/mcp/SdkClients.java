package dev.bulwark.connectors.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Builds and connects MCP SDK clients for an upstream. */
final class SdkClients {
    static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("bulwark", "0.1.0");
    /**
     * Largest single message read from an HTTP upstream. Above the output bound, so that an oversized result is
     * refused with a clear message by {@link SdkContent}, yet small enough to bound the memory one call can take.
     */
    static final int MAX_MESSAGE_BYTES = 2 * SdkContent.MAX_OUTPUT_CHARS + 64 * 1024;

    private SdkClients() {}

    /**
     * Connects and initialises a client; throws when the upstream cannot be reached in time.
     *
     * <p>The asynchronous client is used, blocking at the call site: its progress consumer runs in the order
     * notifications arrive, before the response that follows them, while the synchronous facade hands each one to a
     * thread pool where they may be reordered or arrive after the call has returned.
     */
    static UpstreamSession connect(UpstreamServer config,
                                   Function<List<McpSchema.Tool>, Mono<Void>> onToolsChanged,
                                   Function<McpSchema.ProgressNotification, Mono<Void>> onProgress) {
        return connect(config, onToolsChanged, onProgress, null, null);
    }

    /**
     * As above; with a {@code relay}, the client declares sampling, elicitation (form and URL) and roots to the
     * upstream, and such requests go to the relay (see {@link UpstreamRelay}); the SDK's own handlers for them are
     * never reached and refuse if they were. With {@code executions}, each listed tool's {@code execution} is read
     * into it.
     */
    static UpstreamSession connect(UpstreamServer config,
                                   Function<List<McpSchema.Tool>, Mono<Void>> onToolsChanged,
                                   Function<McpSchema.ProgressNotification, Mono<Void>> onProgress,
                                   UpstreamRelay relay, ListedExecutions executions) {
        CancellingTransport transport = new CancellingTransport(transport(config), relay, executions);
        McpClient.AsyncSpec spec = McpClient.async(transport);
        if (relay != null) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation(true, true).roots(false)
                            .build())
                    .sampling(request -> Mono.error(notRelayed(McpSchema.METHOD_SAMPLING_CREATE_MESSAGE)))
                    .elicitation(request -> Mono.error(notRelayed(McpSchema.METHOD_ELICITATION_CREATE)))
                    .urlElicitation(request -> Mono.error(notRelayed(McpSchema.METHOD_ELICITATION_CREATE)));
        }
        McpAsyncClient client = spec
                .requestTimeout(config.timeout())
                .initializationTimeout(config.timeout())
                .clientInfo(CLIENT_INFO)
                .toolsChangeConsumer(onToolsChanged)
                .progressConsumer(onProgress)
                .build();
        try {
            client.initialize().timeout(config.timeout()).block();
            return new UpstreamSession(client, transport);
        } catch (RuntimeException e) {
            close(client);
            throw e;
        }
    }

    private static McpError notRelayed(String method) {
        return McpError.builder(McpSchema.ErrorCodes.METHOD_NOT_FOUND).message(method + " is not relayed").build();
    }

    static void close(McpAsyncClient client) {
        try {
            client.closeGracefully().timeout(Duration.ofSeconds(5)).onErrorComplete().block();
        } catch (RuntimeException e) {
            client.close();
        }
    }

    private static McpClientTransport transport(UpstreamServer config) {
        if (config.url().isPresent()) {
            URI url = config.url().get();
            String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            return HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getRawAuthority())
                    .clientBuilder(ResumingHttpClient.builder(config.timeout()))
                    .endpoint(endpoint)
                    .connectTimeout(config.timeout())
                    .maxResponseSize(MAX_MESSAGE_BYTES)
                    .build();
        }
        List<String> command = config.command();
        ServerParameters parameters = ServerParameters.builder(command.getFirst())
                .args(command.subList(1, command.size()))
                .env(config.env())
                .build();
        return new IsolatedStdioTransport(parameters);
    }

    /**
     * A stdio transport whose process does not inherit the gateway's environment (which may hold database passwords
     * or API keys): it gets the few variables the SDK passes by default (PATH, HOME, …) plus the configured ones.
     */
    private static final class IsolatedStdioTransport extends StdioClientTransport {
        IsolatedStdioTransport(ServerParameters parameters) {
            super(parameters, McpJsonDefaults.getMapper());
        }

        @Override
        protected ProcessBuilder getProcessBuilder() {
            ProcessBuilder builder = new ProcessBuilder();
            builder.environment().clear();
            return builder;
        }
    }
}
