package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.ClientChannel;
import dev.bulwark.spi.tool.ClientRequestRefused;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** Which call an upstream's request or log message belongs to, and the bounds on relaying them. */
class UpstreamRelayTest {
    private final UpstreamRelay relay = new UpstreamRelay("up");
    private final List<McpSchema.JSONRPCMessage> sent = new CopyOnWriteArrayList<>();
    private final List<McpSchema.JSONRPCMessage> toSdk = new CopyOnWriteArrayList<>();
    private final Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler = relay.around(
            mono -> mono.doOnNext(toSdk::add), message -> Mono.fromRunnable(() -> sent.add(message)));

    @AfterEach
    void close() {
        relay.close();
    }

    @Test
    void aRequestOnACallsStreamGoesToThatCallEvenWhileOthersRun() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        relay.begin("t-a", a);
        relay.begin("t-b", b);
        receive(sampling(1), "t-b");
        McpSchema.JSONRPCResponse response = response(1);
        assertThat(response.error()).isNull();
        assertThat(response.result()).isEqualTo(Map.of("from", "b"));
        assertThat(a.asked).isEmpty();
        assertThat(b.asked).containsExactly("up " + McpSchema.METHOD_SAMPLING_CREATE_MESSAGE);
    }

    @Test
    void anUntaggedRequestGoesToTheOnlyCallInFlight() {
        Recording a = new Recording("a");
        relay.begin("t-a", a);
        receive(sampling(1), null);
        assertThat(response(1).result()).isEqualTo(Map.of("from", "a"));
    }

    @Test
    void anUntaggedRequestWhileTwoCallsRunIsRefusedAndNobodyIsAsked() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        relay.begin("t-a", a);
        relay.begin("t-b", b);
        receive(sampling(1), null);
        assertThat(response(1).error().code()).isEqualTo(ClientRequestRefused.INVALID_REQUEST);
        assertThat(a.asked).isEmpty();
        assertThat(b.asked).isEmpty();
    }

    @Test
    void aRequestOfACallThatEndedIsRefusedEvenWhenAnotherCallRuns() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        relay.begin("t-a", a);
        relay.begin("t-b", b);
        relay.end("t-a");
        receive(sampling(1), "t-a");
        assertThat(response(1).error().code()).isEqualTo(ClientRequestRefused.INVALID_REQUEST);
        assertThat(a.asked).isEmpty();
        assertThat(b.asked).isEmpty();
    }

    @Test
    void aRequestOnTheStreamOfAGatewayRequestThatIsNoToolCallIsRefusedEvenWithOneCallRunning() {
        Recording a = new Recording("a");
        relay.begin("t-a", a);
        Mono<McpSchema.JSONRPCMessage> handled = handler.apply(Mono.just(sampling(1)));
        handled.contextWrite(UpstreamRelay.NO_CALL_CONTEXT).block();
        assertThat(response(1).error().code()).isEqualTo(ClientRequestRefused.INVALID_REQUEST);
        assertThat(a.asked).isEmpty();
    }

    @Test
    void withNoCallInFlightARequestIsRefused() {
        receive(new McpSchema.JSONRPCRequest(McpSchema.METHOD_ROOTS_LIST, 7, null), null);
        assertThat(response(7).error().code()).isEqualTo(ClientRequestRefused.INVALID_REQUEST);
    }

    @Test
    void theClientsRefusalReachesTheUpstreamWithItsCode() {
        relay.begin("t-a", new ClientChannel() {
            @Override
            public Map<String, Object> request(String connector, String method, Map<String, Object> params)
                    throws ClientRequestRefused {
                throw new ClientRequestRefused(ClientRequestRefused.INVALID_PARAMS, "too large");
            }

            @Override
            public void log(String connector, Map<String, Object> params) {
            }
        });
        receive(sampling(1), "t-a");
        assertThat(response(1).error().code()).isEqualTo(ClientRequestRefused.INVALID_PARAMS);
        assertThat(response(1).error().message()).isEqualTo("too large");
    }

    @Test
    void otherMessagesGoToTheSdk() {
        receive(new McpSchema.JSONRPCRequest(McpSchema.METHOD_PING, 1, null), null);
        receive(new McpSchema.JSONRPCNotification(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null), null);
        assertThat(toSdk).hasSize(2);
        assertThat(sent).isEmpty();
    }

    @Test
    void resourceAndPromptListChangesGoToTheFrontDoorNotTheSdkAndAFailingListenerIsContained() {
        List<String> changed = new CopyOnWriteArrayList<>();
        relay.onListChanged(changed::add);
        receive(new McpSchema.JSONRPCNotification(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED, null), null);
        receive(new McpSchema.JSONRPCNotification(McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED,
                Map.of("junk", "x".repeat(1000))), "no-such-call");
        assertThat(changed).containsExactly(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED,
                McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED);
        relay.onListChanged(method -> {
            throw new IllegalStateException("boom");
        });
        receive(new McpSchema.JSONRPCNotification(McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED, null), null);
        assertThat(toSdk).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void atMostEightRequestsWaitForTheClientAtOnce() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Recording slow = new Recording("slow") {
            @Override
            public Map<String, Object> request(String connector, String method, Map<String, Object> params) {
                await(release);
                return super.request(connector, method, params);
            }
        };
        relay.begin("t-a", slow);
        for (int id = 1; id <= UpstreamRelay.MAX_CONCURRENT + 1; id++) {
            receive(sampling(id), "t-a");
        }
        McpSchema.JSONRPCResponse ninth = response(UpstreamRelay.MAX_CONCURRENT + 1);
        assertThat(ninth.error().code()).isEqualTo(ClientRequestRefused.INTERNAL_ERROR);
        release.countDown();
        for (int id = 1; id <= UpstreamRelay.MAX_CONCURRENT; id++) {
            assertThat(response(id).error()).isNull();
        }
    }

    @Test
    void logMessagesOfACallAreDeliveredInOrderBeforeItEndsAndCutAtTheBound() {
        Recording a = new Recording("a");
        relay.begin("t-a", a);
        for (int i = 0; i < 300; i++) {
            receive(new McpSchema.JSONRPCNotification(McpSchema.METHOD_NOTIFICATION_MESSAGE,
                    Map.of("level", "info", "data", "line " + i)), i % 2 == 0 ? "t-a" : null);
        }
        relay.end("t-a");
        assertThat(a.logs).hasSize(UpstreamRelay.MAX_LOGS_PER_CALL);
        assertThat(a.logs.getFirst()).isEqualTo("line 0");
        assertThat(a.logs.getLast()).isEqualTo("line 99");
        receive(new McpSchema.JSONRPCNotification(McpSchema.METHOD_NOTIFICATION_MESSAGE,
                Map.of("level", "info", "data", "after")), "t-a");
        assertThat(a.logs).hasSize(UpstreamRelay.MAX_LOGS_PER_CALL);
        assertThat(toSdk).isEmpty();
    }

    private void receive(McpSchema.JSONRPCMessage message, String token) {
        Mono<McpSchema.JSONRPCMessage> handled = handler.apply(Mono.just(message));
        (token == null ? handled : handled.contextWrite(Context.of(UpstreamRelay.CALL_KEY, token))).block();
    }

    private static McpSchema.JSONRPCRequest sampling(int id) {
        return new McpSchema.JSONRPCRequest(McpSchema.METHOD_SAMPLING_CREATE_MESSAGE, id, Map.of("maxTokens", 5));
    }

    private McpSchema.JSONRPCResponse response(Object id) {
        eventually(() -> sent.stream().anyMatch(m -> m instanceof McpSchema.JSONRPCResponse r && id.equals(r.id())));
        return sent.stream().map(McpSchema.JSONRPCResponse.class::cast).filter(r -> id.equals(r.id())).findFirst()
                .orElseThrow();
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static class Recording implements ClientChannel {
        final String name;
        final List<String> asked = new CopyOnWriteArrayList<>();
        final List<Object> logs = new CopyOnWriteArrayList<>();

        Recording(String name) {
            this.name = name;
        }

        @Override
        public Map<String, Object> request(String connector, String method, Map<String, Object> params) {
            asked.add(connector + " " + method);
            return Map.of("from", name);
        }

        @Override
        public void log(String connector, Map<String, Object> params) {
            logs.add(params.get("data"));
        }
    }
}
