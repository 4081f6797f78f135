package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.tool.ProgressListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void manyThreadsThroughOnePipelineEachGetOneAuditEvent() throws Exception {
        Harness h = new Harness();
        CallPipeline pipeline = h.pipeline();
        int threads = 8;
        int callsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<CallOutcome>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String session = "s-" + t;
            String token = t % 3 == 0 ? "bad-token" : "t-alice";
            futures.add(pool.submit(() -> {
                List<CallOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < callsPerThread; i++) {
                    outcomes.add(pipeline.handle(new CallRequest(token, session, "docs.search",
                            Map.of("q", "n" + i), ProgressListener.IGNORE)));
                }
                return outcomes;
            }));
        }
        List<CallOutcome> all = new ArrayList<>();
        for (Future<List<CallOutcome>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();

        assertThat(all).hasSize(threads * callsPerThread);
        List<AuditEvent> events = h.audit.events();
        assertThat(events).hasSize(all.size());
        Set<Object> auditedIds = new HashSet<>();
        events.forEach(e -> auditedIds.add(e.details().get("callId")));
        Set<String> outcomeIds = new HashSet<>();
        all.forEach(o -> outcomeIds.add(o.callId()));
        assertThat(auditedIds).hasSize(all.size()).isEqualTo(outcomeIds);
        long completed = all.stream().filter(o -> o instanceof CallOutcome.Completed).count();
        assertThat(completed).isEqualTo(h.docs.calls.size()).isEqualTo(5L * callsPerThread);
    }
}
