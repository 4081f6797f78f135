package dev.bulwark.server.resources;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallStep;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.DecideStep;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.spi.tool.Tool;
import java.util.Map;
import java.util.Optional;

/**
 * Names what a resource read, prompt get or completion is about, for policy to decide
 * ({@link DecideStep#SUBJECT}): the listed resource or the matching template of the URI, the prompt, or the prompt or
 * template a completion completes. The owner found must be the upstream the call was sent to; anything else (an
 * unknown URI, a prompt no upstream offers) is refused before policy, and audited like every refusal.
 */
final class SubjectStep implements CallStep {
    private final FeatureCatalog catalog;

    SubjectStep(FeatureCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        Tool tool = call.requireTool();
        Map<String, Object> args = call.requireArguments();
        Optional<FeatureCatalog.Target> target = switch (tool.localName()) {
            case FeatureConnector.READ -> catalog.resolve((String) args.get("uri"));
            case FeatureConnector.PROMPT -> prompt(tool, (String) args.get("name"));
            case FeatureConnector.COMPLETE -> completed(tool, args);
            default -> Optional.empty();
        };
        if (target.isEmpty() || !target.get().upstream().equals(tool.connector())) {
            return call.refuse(Refusal.UNKNOWN_TOOL, "unknown " + what(tool) + " of upstream " + tool.connector());
        }
        return next.proceed(call.with(DecideStep.SUBJECT, target.get().subject()));
    }

    /** A prompt by its own name at the upstream the call goes to. */
    private Optional<FeatureCatalog.Target> prompt(Tool tool, String name) {
        return name == null ? Optional.empty() : catalog.ownPrompt(tool.connector(), name);
    }

    @SuppressWarnings("unchecked")
    private Optional<FeatureCatalog.Target> completed(Tool tool, Map<String, Object> args) {
        if (!(args.get("ref") instanceof Map<?, ?> ref)) {
            return Optional.empty();
        }
        if ("ref/prompt".equals(ref.get("type"))) {
            return prompt(tool, ref.get("name") instanceof String s ? s : null);
        }
        return ref.get("uri") instanceof String uri ? catalog.template(uri).or(() -> catalog.resolve(uri))
                : Optional.empty();
    }

    private static String what(Tool tool) {
        return switch (tool.localName()) {
            case FeatureConnector.READ -> "resource";
            case FeatureConnector.PROMPT -> "prompt";
            default -> "completion reference";
        };
    }
}
