package dev.bulwark.anomaly;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts refusals of tools the principal was never allowed to call: the refusals that probing makes. A principal's
 * usual refusals fall mostly on its own tools (an argument its policy refuses); a principal trying tools outside its
 * grant is refused on tools it never used. Split this way, the refusal stream holds two Bernoulli rates, each learned
 * from the principal's own history, and the rarer one carries more evidence per event: a refusal of a foreign tool
 * after a foreign-refusal rate at its floor of 1 % adds ln(p₁ / 1 %) ≈ 3.9 nats to the 50 % CUSUM, where a refusal
 * among 8 % usual refusals adds ln(50 % / 8 %) ≈ 1.8. At most {@link #MAX_TOOLS} allowed tools are remembered; beyond
 * that a refusal of a tool not remembered counts as foreign (hostile names cannot grow memory).
 */
final class ForeignRefusals implements RareEventBurst.Counter {
    static final int MAX_TOOLS = FirstUseDetector.MAX_TOOLS;

    private final Set<String> allowed = new HashSet<>();

    @Override
    public boolean test(CallEvent call) {
        if (!call.denied()) {
            if (allowed.size() < MAX_TOOLS) {
                allowed.add(call.tool());
            }
            return false;
        }
        return !allowed.contains(call.tool());
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        out.i(allowed.size());
        allowed.forEach(out::s);
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        allowed.clear();
        int n = in.i(0, MAX_TOOLS);
        for (int i = 0; i < n; i++) {
            String tool = in.s();
            if (tool == null) {
                throw new java.io.IOException("a tool name is missing");
            }
            allowed.add(tool);
        }
    }
}
