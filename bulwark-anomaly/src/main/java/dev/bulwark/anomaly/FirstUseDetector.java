package dev.bulwark.anomaly;

import java.util.HashMap;
import java.util.Map;

/**
 * A tool or connector the principal has never called. How surprising that is depends on the principal: one that keeps
 * trying new tools is expected to, so the chance of a new tool is estimated Good–Turing style (tools seen exactly once
 * divided by calls) and a first use is reported only while that estimate is below {@code newToolRate}. A new
 * connector is judged the same way on connectors. At most {@link #MAX_TOOLS} tools are remembered; beyond that every
 * tool not remembered counts as new (hostile names cannot grow memory, and a flood of new names is itself unusual).
 */
final class FirstUseDetector implements Detector {
    static final int MAX_TOOLS = 128;
    static final int MAX_CONNECTORS = 32;

    private final AnomalySettings settings;
    private final Map<String, Integer> tools = new HashMap<>();
    private final Map<String, Integer> connectors = new HashMap<>();
    private int toolSingletons;
    private int connectorSingletons;
    private long calls;

    FirstUseDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.FIRST_USE;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        boolean newTool = !tools.containsKey(call.tool());
        boolean newConnector = !connectors.containsKey(call.connector());
        Finding finding = null;
        if (history >= settings.learnCalls() && calls > 0) {
            double toolChance = (double) toolSingletons / calls;
            double connectorChance = (double) connectorSingletons / calls;
            if (newConnector && connectorChance < settings.newToolRate()) {
                finding = new Finding(1 / Math.max(connectorChance, 1e-6), "first use of connector "
                        + call.connector() + " after " + calls + " calls", Map.of("connector", call.connector(),
                        "knownConnectors", connectors.size(), "newConnectorChance", CallRateDetector.round(connectorChance)));
            } else if (newTool && toolChance < settings.newToolRate()) {
                finding = new Finding(1 / Math.max(toolChance, 1e-6), "first use of tool " + call.tool() + " after "
                        + calls + " calls", Map.of("knownTools", tools.size(),
                        "newToolChance", CallRateDetector.round(toolChance)));
            }
        }
        calls++;
        toolSingletons += count(tools, call.tool(), MAX_TOOLS);
        connectorSingletons += count(connectors, call.connector(), MAX_CONNECTORS);
        return finding;
    }

    /** Counts a use; returns the change in the number of names seen exactly once. */
    private static int count(Map<String, Integer> seen, String name, int max) {
        Integer before = seen.get(name);
        if (before == null) {
            if (seen.size() >= max) {
                return 0;
            }
            seen.put(name, 1);
            return 1;
        }
        seen.put(name, before + 1);
        return before == 1 ? -1 : 0;
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        out.counts(tools);
        out.counts(connectors);
        out.i(toolSingletons);
        out.i(connectorSingletons);
        out.l(calls);
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        in.counts(tools, MAX_TOOLS);
        in.counts(connectors, MAX_CONNECTORS);
        toolSingletons = in.i(0, MAX_TOOLS);
        connectorSingletons = in.i(0, MAX_CONNECTORS);
        calls = in.l();
        if (calls < 0) {
            throw new java.io.IOException("negative call count");
        }
    }
}
