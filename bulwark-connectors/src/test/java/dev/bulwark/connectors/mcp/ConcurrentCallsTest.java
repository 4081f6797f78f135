package dev.bulwark.connectors.mcp;

import static dev.bulwark.connectors.TestCalls.call;
import static dev.bulwark.connectors.mcp.TestUpstreamTools.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.testkit.McpTestTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Many agents calling one upstream at once, all over the connector's single upstream session: every call must come
 * back, with its own answer and its own progress, including when the callers are Reactor {@code boundedElastic}
 * workers, which is where the gateway's front door (the SDK's synchronous MCP server) runs tool calls.
 */
class ConcurrentCallsTest {
    /** Generous: a healthy call takes milliseconds, so reaching this means the call was lost, not slow. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** More callers than Reactor's boundedElastic pool has threads, so that every one of its threads is blocked. */
    static final int ELASTIC_CALLERS = 2 * Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE;

    HttpUpstream upstream;
    McpUpstreamConnector connector;

    @BeforeEach
    void start() throws Exception {
        upstream = HttpUpstream.start();
        connector = McpUpstreamConnector.open(UpstreamServer.http("up", upstream.url()).withTimeout(CALL_TIMEOUT),
                new InMemoryToolPins());
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        upstream.close();
    }

    private Tool tool(String name) {
        return connector.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * One call checked end to end: echo must return its own text, slow must report exactly its own three steps. Returns
     * null when right, else what went wrong.
     */
    private String callOnce(String text) {
        try {
            if (text.hashCode() % 4 == 0) {
                List<String> steps = new CopyOnWriteArrayList<>();
                String out = connector.call(call(tool("up.slow"), Map.of()),
                        (progress, total, message) -> steps.add(message)).joinedText();
                return out.equals("done") && steps.equals(List.of("step 1", "step 2", "step 3")) ? null
                        : "slow returned " + out + " with progress " + steps;
            }
            String out = connector.call(call(tool("up.echo"), args("text", text)), (p, t, m) -> { }).joinedText();
            return out.equals("echo: " + text) ? null : "echo of " + text + " returned " + out;
        } catch (Exception e) {
            return text + ": " + e.getMessage();
        }
    }

    /** Runs {@code callers} loops of {@code calls} calls each, a loop stopping at its first failure; returns the failures. */
    private List<String> load(int callers, int calls, Function<Mono<String>, Mono<String>> placement) throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService loops = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                running.add(loops.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        String text = caller + "-" + i;
                        String failure = placement.apply(Mono.fromCallable(() -> {
                            String f = callOnce(text);
                            return f == null ? "" : f;
                        })).block();
                        if (failure != null && !failure.isEmpty()) {
                            failures.add(failure);
                            return;
                        }
                    }
                }));
            }
            for (Future<?> loop : running) {
                loop.get(5, TimeUnit.MINUTES);
            }
        } finally {
            loops.shutdownNow();
        }
        return failures;
    }

    @Test
    void answersEveryCallOfManyConcurrentCallersSharingOneUpstreamSession() throws Exception {
        List<String> failures = load(32, 100, call -> call);
        assertThat(failures).isEmpty();
    }

    @Test
    void answersCallsMadeFromEveryThreadOfReactorsBoundedElasticPool() throws Exception {
        // The SDK's synchronous server runs each tool call on boundedElastic, and the call blocks there until the
        // upstream answers. The call path must therefore never need that pool: with all of its threads blocked, it
        // would wait for the full timeout.
        List<String> failures = load(ELASTIC_CALLERS, 40, call -> call.subscribeOn(Schedulers.boundedElastic()));
        assertThat(failures).isEmpty();
    }

    @Test
    void appliesAnAnnouncedToolChangeWhileReactorsBoundedElasticPoolIsExhausted() throws Exception {
        CountDownLatch blocked = new CountDownLatch(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < ELASTIC_CALLERS; i++) {
                Schedulers.boundedElastic().schedule(() -> {
                    blocked.countDown();
                    try {
                        release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(blocked.await(10, TimeUnit.SECONDS)).as("every boundedElastic thread is blocked").isTrue();
            upstream.replace(McpTestTools.echo("A changed description."), true);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (connector.tools().stream().anyMatch(t -> t.name().equals("up.echo"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(connector.tools()).extracting(Tool::name).doesNotContain("up.echo");
        } finally {
            release.countDown();
        }
    }
}
