package dev.bulwark.anomaly;

import dev.bulwark.spi.tool.ToolKind;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Output labelled sensitive (by default {@code secret} or {@code pii}) delivered to the principal, then an egress tool
 * called within {@link #CALLS} calls and {@link #WINDOW_MILLIS}: data may be leaving. Every sensitive read in the
 * window is a source of its own, so a later, harmless read cannot hide an earlier secret one. What is usual is learned
 * per source: the sequence is {@code source tool → egress tool}, and one this principal never made before is
 * reported. A mailer that mails what it reads from the CRM is doing its job; the same mailer mailing right after a
 * vault read, or posting CRM data to the web, is not. A tool counts as a source only when at least
 * {@link #SOURCE_SHARE} of its outputs to this principal were sensitive (a new tool whose first output is sensitive
 * is one; see {@link #holdsSensitiveData}): a search that now and then returns incidental PII is not a source each
 * time it does. Paths are learned from every sensitive output, source or not (session 9): a path learned only while
 * its tool happened to count as a source was new again each time the tool crossed the line, and was reported. At most {@link #MAX_PENDING}
 * sources are followed at once (the oldest is dropped), {@link #MAX_SEQUENCES} sequences and {@link #MAX_TOOLS} tools'
 * counts remembered (beyond, unremembered sequences stay new and unremembered tools are sources).
 */
final class SensitiveSequenceDetector implements Detector {
    static final int CALLS = 10;
    static final long WINDOW_MILLIS = 15 * 60_000;
    static final int MAX_SEQUENCES = 128;
    static final int MAX_PENDING = 8;
    /** A tool is a source when at least this share of its outputs were sensitive (it holds sensitive data). */
    static final double SOURCE_SHARE = 0.25;
    static final int MAX_TOOLS = 64;
    /** Below this many outputs a tool is too little known for a sensitive output of it to be called incidental. */
    static final int KNOWN_OUTPUTS = 10;
    /** The confidence (normal quantile, one-sided 95 %) with which a known tool's sensitive share must reach the line. */
    static final double SOURCE_Z = 1.645;

    /** A sensitive read still in the window: which tool, which labels, when, and at which call of the principal. */
    private record Source(String tool, Set<String> labels, long time, long call, boolean source) {}

    private final AnomalySettings settings;
    private final ArrayDeque<Source> pending = new ArrayDeque<>();
    private final Map<String, Integer> seen = new HashMap<>();
    private long calls;
    /** Per tool: outputs delivered, and of them sensitive. */
    private final Map<String, long[]> outputs = new HashMap<>();

    SensitiveSequenceDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.SENSITIVE_SEQUENCE;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        calls++;
        expire(time);
        Finding finding = null;
        if (call.kind() == ToolKind.EGRESS) {
            for (Source source : pending) {
                String sequence = source.tool() + "->" + call.tool();
                int before = seen.getOrDefault(sequence, 0);
                long between = calls - source.call();
                if (before == 0 && source.source() && finding == null && history >= settings.learnCalls()) {
                    String label = String.join(",", source.labels());
                    finding = new Finding(between, "egress " + call.tool() + " " + between + " calls after "
                            + label + " output of " + source.tool() + ", never done before",
                            Map.of("sensitiveTool", source.tool(), "label", label, "callsBetween", between));
                }
                if (before > 0 || seen.size() < MAX_SEQUENCES) {
                    seen.put(sequence, before + 1);
                }
            }
        }
        if (call.outcome() == CallEvent.Outcome.ALLOWED) {
            Set<String> labels = new TreeSet<>(call.labels());
            labels.retainAll(settings.sensitiveLabels());
            long[] counts = outputs.get(call.tool());
            if (counts == null && outputs.size() < MAX_TOOLS) {
                counts = new long[2];
                outputs.put(call.tool(), counts);
            }
            if (counts != null) {
                counts[0]++;
                counts[1] += labels.isEmpty() ? 0 : 1;
            }
            // a tool beyond the bound counts as a source whenever its output is sensitive. A tool's first output
            // counts by its share like any other (1 of 1): a new tool that returns secrets is a source, but a tool
            // called many times without sensitive output is not made one by the first incidental PII it returns
            boolean source = counts == null || holdsSensitiveData(counts[0], counts[1]);
            if (!labels.isEmpty()) {
                pending.removeIf(s -> s.tool().equals(call.tool()) && s.labels().equals(labels));
                if (pending.size() >= MAX_PENDING) {
                    // the oldest incidental output goes first: a flood of incidental PII cannot push out a source
                    Source drop = pending.stream().filter(x -> !x.source()).findFirst().orElse(pending.peekFirst());
                    pending.remove(drop);
                }
                pending.addLast(new Source(call.tool(), Set.copyOf(labels), time, calls, source));
            }
        }
        return finding;
    }

    /**
     * Whether a tool with these outputs to the principal holds sensitive data. While it has delivered fewer than
     * {@link #KNOWN_OUTPUTS}, little is known of it and any sensitive output makes it a source (an unknown tool handing
     * out secrets is exactly what to follow). After that, its sensitive share must be at least {@link #SOURCE_SHARE}
     * with confidence: the Wilson lower bound at z = {@link #SOURCE_Z} (one-sided 95 %), not the point estimate. A
     * tool whose outputs are sensitive about a quarter of the time has a point estimate that crosses the line with
     * every output, so it was a source about half of the time, and each new path from it was reported (session 9:
     * most false alarms of this kind had a source share of 0.24–0.33).
     */
    static boolean holdsSensitiveData(long outputs, long sensitive) {
        if (sensitive <= 0) {
            return false;
        }
        if (outputs < KNOWN_OUTPUTS) {
            return true;
        }
        double n = outputs;
        double p = Math.min(1, (double) sensitive / n);
        double z2 = SOURCE_Z * SOURCE_Z;
        double centre = p + z2 / (2 * n);
        double half = SOURCE_Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (centre - half) / (1 + z2 / n) >= SOURCE_SHARE;
    }

    /** Sources read more than {@link #CALLS} calls or {@link #WINDOW_MILLIS} ago no longer count. */
    private void expire(long time) {
        for (Iterator<Source> it = pending.iterator(); it.hasNext(); ) {
            Source s = it.next();
            if (calls - s.call() > CALLS || time - s.time() > WINDOW_MILLIS) {
                it.remove();
            }
        }
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        out.l(calls);
        out.i(pending.size());
        for (Source s : pending) {
            out.s(s.tool());
            out.i(s.labels().size());
            s.labels().forEach(out::s);
            out.l(s.time());
            out.l(s.call());
            out.b(s.source());
        }
        out.counts(seen);
        out.i(outputs.size());
        outputs.forEach((tool, counts) -> {
            out.s(tool);
            out.l(counts[0]);
            out.l(counts[1]);
        });
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        calls = in.l();
        int n = in.i(0, MAX_PENDING);
        for (int k = 0; k < n; k++) {
            String tool = in.s();
            int labelCount = in.i(1, 16);
            Set<String> labels = new TreeSet<>();
            for (int j = 0; j < labelCount; j++) {
                labels.add(java.util.Objects.requireNonNullElse(in.s(), ""));
            }
            if (tool == null) {
                throw new java.io.IOException("a source without a tool");
            }
            pending.addLast(new Source(tool, Set.copyOf(labels), in.l(), in.l(), in.b()));
        }
        in.counts(seen, MAX_SEQUENCES);
        int tools = in.i(0, MAX_TOOLS);
        for (int k = 0; k < tools; k++) {
            String tool = in.s();
            long[] counts = {in.l(), in.l()};
            if (tool == null || counts[0] < 0 || counts[1] < 0 || counts[1] > counts[0]) {
                throw new java.io.IOException("a source count is malformed");
            }
            outputs.put(tool, counts);
        }
    }
}
