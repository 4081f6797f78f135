package dev.bulwark.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallOutcome;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.DecideStep;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.Tool;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The step naming what policy decides: the listed resource or matching template, the prompt by its upstream's own
 * name; a call sent to an upstream that does not own its URI or prompt is refused before policy.
 */
class SubjectStepTest {
    private static final McpSchema.ServerCapabilities ALL = McpSchema.ServerCapabilities.builder()
            .resources(false, false).prompts(false).build();
    private final FeatureCatalog catalog = new FeatureCatalog(List.of(
            new FeatureCatalog.Upstream("a", "a.", listing(List.of("x://1"), List.of("x://t/{id}"), List.of("p"))),
            new FeatureCatalog.Upstream("b", "", listing(List.of("y://1"), List.of(), List.of("q")))),
            Clock.systemUTC());
    private final FeatureConnector a = new FeatureConnector("a", java.util.Set.of(), null);
    private final FeatureConnector b = new FeatureConnector("b", java.util.Set.of(), null);

    @Test
    void namesTheListedResourceOrTheMatchingTemplate() {
        assertThat(subject(a.readTool(), Map.of("uri", "x://1"))).isEqualTo(Subject.resource("x://1"));
        assertThat(subject(a.readTool(), Map.of("uri", "x://t/9"))).isEqualTo(Subject.resource("x://t/{id}"));
        assertThat(subject(b.readTool(), Map.of("uri", "y://1"))).isEqualTo(Subject.resource("y://1"));
    }

    @Test
    void namesPromptsByTheirUpstreamAndOwnName() {
        assertThat(subject(a.promptTool(), Map.of("name", "p"))).isEqualTo(Subject.prompt("a.p"));
        assertThat(subject(b.promptTool(), Map.of("name", "q"))).isEqualTo(Subject.prompt("b.q"));
        assertThat(subject(a.completeTool(), Map.of("ref", Map.of("type", "ref/prompt", "name", "p"),
                "argument", Map.of("name", "n", "value", "")))).isEqualTo(Subject.prompt("a.p"));
        assertThat(subject(a.completeTool(), Map.of("ref", Map.of("type", "ref/resource", "uri", "x://t/{id}"),
                "argument", Map.of("name", "id", "value", "")))).isEqualTo(Subject.resource("x://t/{id}"));
    }

    @Test
    void refusesWhatTheAddressedUpstreamDoesNotOwn() {
        assertThat(refusal(b.readTool(), Map.of("uri", "x://1"))).isEqualTo(Refusal.UNKNOWN_TOOL);
        assertThat(refusal(a.readTool(), Map.of("uri", "z://none"))).isEqualTo(Refusal.UNKNOWN_TOOL);
        assertThat(refusal(b.promptTool(), Map.of("name", "p"))).isEqualTo(Refusal.UNKNOWN_TOOL);
        // the mounted name is not the prompt's own name
        assertThat(refusal(a.promptTool(), Map.of("name", "a.p"))).isEqualTo(Refusal.UNKNOWN_TOOL);
        assertThat(refusal(b.completeTool(), Map.of("ref", Map.of("type", "ref/prompt", "name", "p"),
                "argument", Map.of("name", "n", "value", "")))).isEqualTo(Refusal.UNKNOWN_TOOL);
    }

    private Subject subject(Tool tool, Map<String, Object> arguments) {
        AtomicReference<Subject> named = new AtomicReference<>();
        run(tool, arguments, call -> {
            named.set(call.get(DecideStep.SUBJECT).orElseThrow());
            return call.refuse(Refusal.INTERNAL_ERROR, "stop here");
        });
        assertThat(named.get()).as("the step went on").isNotNull();
        return named.get();
    }

    private Refusal refusal(Tool tool, Map<String, Object> arguments) {
        Conclusion conclusion = run(tool, arguments, call -> {
            throw new AssertionError("went on to policy with " + call.get(DecideStep.SUBJECT));
        });
        return ((CallOutcome.Refused) conclusion.outcome()).code();
    }

    private Conclusion run(Tool tool, Map<String, Object> arguments,
                           dev.bulwark.engine.pipeline.CallStep.Chain next) {
        CallContext call = CallContext.start(new CallRequest(null, "s-1", tool.name(), arguments, null),
                Instant.now(), System.nanoTime()).withTool(tool).withArguments(arguments);
        return new SubjectStep(catalog).handle(call, next);
    }

    private static FeatureCatalog.Listing listing(List<String> uris, List<String> templates, List<String> prompts) {
        return new FeatureCatalog.Listing() {
            @Override
            public McpSchema.ServerCapabilities capabilities() {
                return ALL;
            }

            @Override
            public List<McpSchema.Resource> resources() throws ConnectorException {
                return uris.stream().map(u -> new McpSchema.Resource(u, u, null, null, null, null, null, null))
                        .toList();
            }

            @Override
            public List<McpSchema.ResourceTemplate> resourceTemplates() {
                return templates.stream().map(t -> new McpSchema.ResourceTemplate(t, t, null, null, null, null))
                        .toList();
            }

            @Override
            public List<McpSchema.Prompt> prompts() {
                return prompts.stream().map(p -> new McpSchema.Prompt(p, null, List.of())).toList();
            }
        };
    }
}
