package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.ToolCall;
import java.util.List;

/**
 * Runs every output guard in order over the output. A rewrite replaces the output and adds its labels; a block, a
 * missing verdict or a guard that throws withholds the output. A guard's reason is recorded, not shown, since it may
 * quote what was blocked.
 */
public final class ScreenOutputStep implements CallStep {
    private final List<OutputGuard> guards;

    public ScreenOutputStep(List<? extends OutputGuard> guards) {
        this.guards = List.copyOf(Checks.present(guards, "guards"));
    }

    @Override
    public Conclusion handle(CallContext call, Chain next) {
        ToolCall toolCall = call.requireToolCall();
        CallContext screened = call;
        for (OutputGuard guard : guards) {
            String name = nameOf(guard);
            Screening screening;
            try {
                screening = guard.screen(toolCall, screened.requireResult());
            } catch (Exception e) {
                return screened.refuse(Refusal.OUTPUT_BLOCKED, blocked(name),
                        "guard " + name + " threw " + e.getClass().getName());
            }
            switch (screening) {
                case null -> {
                    return screened.refuse(Refusal.OUTPUT_BLOCKED, blocked(name), "guard " + name + " gave no verdict");
                }
                case Screening.Pass pass -> {
                }
                case Screening.Rewrite rewrite -> screened = screened.withResult(rewrite.result(), rewrite.labels());
                case Screening.Block block -> {
                    return screened.refuse(Refusal.OUTPUT_BLOCKED, blocked(name),
                            "guard " + name + " blocked: " + block.reason());
                }
            }
        }
        return next.proceed(screened);
    }

    private static String blocked(String guardName) {
        return "the tool's output was blocked by guard '" + guardName + "'";
    }

    private static String nameOf(OutputGuard guard) {
        try {
            String name = guard.name();
            return name == null || name.isBlank() ? guard.getClass().getSimpleName() : Texts.printable(name, 64);
        } catch (RuntimeException e) {
            return guard.getClass().getSimpleName();
        }
    }
}
