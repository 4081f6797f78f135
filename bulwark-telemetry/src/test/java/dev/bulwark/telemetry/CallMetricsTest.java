package dev.bulwark.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CallMetricsTest {
    private final Telemetry telemetry = Telemetry.create(TelemetryOptions.defaults(), null, null);

    private String scrape() {
        return telemetry.scrape().orElseThrow();
    }

    private static long series(String scrape, String metric) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{")).count();
    }

    @Test
    void countsCallsByToolEffectAndDeterminingPolicyAndTimesThem() {
        CallPipeline pipeline = TestPipelines.pipeline(telemetry.observer(TestPipelines.SECRET_REDACTOR), List.of());

        pipeline.handle(TestPipelines.request("crm.find", Map.of()));
        pipeline.handle(TestPipelines.request("crm.find", Map.of()));
        pipeline.handle(TestPipelines.request("crm.forbidden", Map.of()));
        pipeline.handle(TestPipelines.request("not a tool", Map.of()));

        String text = scrape();
        assertThat(text).contains("bulwark_tool_calls_total{effect=\"allowed\",policy=\"permit-crm\",tool=\"crm.find\"} 2.0")
                .contains("bulwark_tool_calls_total{effect=\"denied\",policy=\"forbid-all\",tool=\"crm.forbidden\"} 1.0")
                .contains("bulwark_tool_calls_total{effect=\"unknown_tool\",policy=\"none\",tool=\"unknown\"} 1.0")
                .contains("bulwark_tool_call_duration_seconds_count{effect=\"allowed\"} 2")
                .contains("bulwark_pipeline_step_duration_seconds_count{step=\"audit\"} 4")
                .contains("bulwark_pipeline_step_duration_seconds_count{step=\"screen_output\"} 2")
                .contains("bulwark_tool_call_duration_seconds_bucket{effect=\"allowed\",le=");
        assertThat(text).doesNotContain("hunter2");
    }

    @Test
    void countsGuardFindingsByGuardVerdictAndLabel() {
        var pii = TestPipelines.guard("pii", new Screening.Rewrite(ToolResult.text("[email]"), List.of("email"),
                Set.of("pii")));
        var injection = TestPipelines.guard("injection", new Screening.Block("ignore previous instructions",
                Set.of("untrusted", "suspicious")));
        CallPipeline pipeline = TestPipelines.pipeline(telemetry.observer(TestPipelines.SECRET_REDACTOR),
                List.of(pii, injection));

        pipeline.handle(TestPipelines.request("crm.find", Map.of()));

        assertThat(scrape())
                .contains("bulwark_guard_findings_total{guard=\"pii\",label=\"pii\",verdict=\"rewrite\"} 1.0")
                .contains("bulwark_guard_findings_total{guard=\"injection\",label=\"suspicious\",verdict=\"block\"} 1.0")
                .contains("bulwark_tool_calls_total{effect=\"output_blocked\",policy=\"permit-crm\",tool=\"crm.find\"} 1.0");
    }

    @Test
    void manyDistinctAndHostileToolNamesCannotGrowTheSeriesBeyondTheCap() {
        Telemetry capped = Telemetry.create(new TelemetryOptions(true, 10, 5, false, null, null, false, null),
                null, null);
        CallPipeline pipeline = TestPipelines.pipeline(capped.observer(TestPipelines.SECRET_REDACTOR), List.of());

        for (int i = 0; i < 2_000; i++) {
            pipeline.handle(TestPipelines.request("c" + i + ".t" + i, Map.of()));
        }
        pipeline.handle(TestPipelines.request("x".repeat(100_000), Map.of()));
        pipeline.handle(TestPipelines.request("crm.\"} 1\nfake_metric{a=\"", Map.of()));

        String text = capped.scrape().orElseThrow();
        // 10 tools with their 5 policies kept as they are, then other: at most (10 + 1) x (5 + 1) combinations
        assertThat(series(text, "bulwark_tool_calls_total")).isLessThanOrEqualTo(12);
        assertThat(text).contains("bulwark_tool_calls_total{effect=\"allowed\",policy=\"other\",tool=\"other\"} 1990.0");
        assertThat(text).doesNotContain("fake_metric").doesNotContain("xxxxxxxxxx");
        assertThat(Pattern.compile("tool=\"([^\"]*)\"").matcher(text).results().map(m -> m.group(1))
                .distinct().count()).isEqualTo(11);
    }

    @Test
    void anomalyKindsAreCountedAndBounded() {
        for (int i = 0; i < 500; i++) {
            telemetry.anomalies().detected("kind_" + i);
        }
        telemetry.anomalies().detected("call_rate");
        telemetry.anomalies().detected(null);

        String text = scrape();
        assertThat(text).contains("bulwark_anomalies_total{kind=\"kind_0\"} 1.0");
        assertThat(series(text, "bulwark_anomalies_total")).isEqualTo(CallMetrics.MAX_ANOMALY_KINDS + 1);
    }

    @Test
    void everythingOffObservesNothing() {
        Telemetry off = Telemetry.off();

        assertThat(off.observer(TestPipelines.SECRET_REDACTOR))
                .isSameAs(dev.bulwark.engine.pipeline.CallObserver.NONE);
        assertThat(off.scrape()).isEmpty();
        assertThat(off.anomalies()).isSameAs(dev.bulwark.spi.telemetry.AnomalyMetrics.NONE);
    }
}
