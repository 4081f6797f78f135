package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CancellingTransportTest {
    /** Keeps what is sent instead of sending it. */
    static final class Outbox implements McpClientTransport {
        final List<McpSchema.JSONRPCMessage> sent = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> sent.add(message));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            throw new UnsupportedOperationException();
        }
    }

    final Outbox outbox = new Outbox();
    final CancellingTransport transport = new CancellingTransport(outbox);

    private static McpSchema.JSONRPCRequest toolCall(Object id, String token) {
        McpSchema.CallToolRequest.Builder call = McpSchema.CallToolRequest.builder("echo").arguments(Map.of());
        if (token != null) {
            call.progressToken(token);
        }
        return new McpSchema.JSONRPCRequest(McpSchema.METHOD_TOOLS_CALL, id, call.build());
    }

    @Test
    void cancelsASentCallByItsProgressTokenWithTheIdItWasSentUnder() {
        transport.sendMessage(toolCall("s-7", "token-a")).block();
        transport.sendMessage(toolCall("s-8", "token-b")).block();
        assertThat(transport.requestIdOf("token-a")).contains("s-7");

        transport.cancel("token-a", "timed out").block();

        McpSchema.JSONRPCMessage last = outbox.sent.getLast();
        assertThat(last).isInstanceOfSatisfying(McpSchema.JSONRPCNotification.class, n -> {
            assertThat(n.method()).isEqualTo("notifications/cancelled");
            assertThat(n.params()).isEqualTo(Map.of("requestId", "s-7", "reason", "timed out"));
        });
        assertThat(transport.requestIdOf("token-a")).isEmpty();
        assertThat(transport.requestIdOf("token-b")).contains("s-8");
    }

    @Test
    void sendsNothingForACallThatWasNeverSentOrIsForgotten() {
        transport.sendMessage(toolCall("s-1", "token-a")).block();
        transport.forget("token-a");
        transport.cancel("token-a", "timed out").block();
        transport.cancel("never-sent", "timed out").block();
        assertThat(outbox.sent).hasSize(1);
    }

    @Test
    void remembersOnlyToolCallsThatCarryAProgressToken() {
        transport.sendMessage(toolCall("s-1", null)).block();
        transport.sendMessage(new McpSchema.JSONRPCRequest(McpSchema.METHOD_TOOLS_LIST, "s-2",
                new McpSchema.PaginatedRequest(null))).block();
        transport.sendMessage(new McpSchema.JSONRPCNotification("notifications/initialized", null)).block();
        assertThat(outbox.sent).hasSize(3);
        transport.cancel("null", "timed out").block();
        assertThat(outbox.sent).hasSize(3);
    }
}
