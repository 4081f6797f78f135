package dev.bulwark.bench.anomaly;

import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.CallEvent;
import dev.bulwark.bench.anomaly.Catalog.ToolSpec;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates benign traffic of many agents (sessions at each agent's rate within its working hours, its tool mix,
 * sizes, refusals and injection findings) and injects misbehaviour of every kind into it. Everything derives from the
 * setting's seed. Misbehaviour starts after three days, so agents have a history.
 */
final class TrafficGenerator {
    static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");
    static final int BENIGN = -1;
    /** Calls of an agent right after one of its episodes: not benign (windows still hold the episode), not judged. */
    static final int AFTER = -2;
    static final int TAIL = 20;
    /** How far after a sensitive output an egress call still makes a sequence (the detector's default window). */
    static final int SEQUENCE_CALLS = 10;

    /** A call and what it is: benign, part of episode {@code episode} (its {@code index}-th call), or after one. */
    record Generated(CallEvent event, int episode, int index) {}

    record Episode(int id, AnomalyKind kind, String agent, long start) {}

    private final TrafficSetting s;
    private final Random r;
    final List<SimAgent> agents = new ArrayList<>();
    final List<Episode> episodes = new ArrayList<>();

    TrafficGenerator(TrafficSetting setting) {
        this.s = setting;
        this.r = new Random(setting.seed());
        for (int i = 0; i < s.agents(); i++) {
            agents.add(new SimAgent(s.name() + "-agent-" + i, s, r));
        }
    }

    List<Generated> generate() {
        List<Generated> all = new ArrayList<>();
        List<List<Generated>> perAgent = new ArrayList<>();
        for (SimAgent a : agents) {
            perAgent.add(benign(a));
        }
        int id = 0;
        // first-use last: its tool must be one the agent never called before, other episodes' calls included
        List<AnomalyKind> kinds = new ArrayList<>(List.of(AnomalyKind.values()));
        kinds.remove(AnomalyKind.FIRST_USE);
        kinds.add(AnomalyKind.FIRST_USE);
        for (AnomalyKind kind : kinds) {
            int made = 0;
            int tries = 0;
            while (made < s.episodesPerKind() && tries++ < 10_000) {
                int ai = r.nextInt(agents.size());
                SimAgent a = agents.get(ai);
                if (!eligible(kind, a)) {
                    continue;
                }
                int day = 3 + r.nextInt(s.days() - 3);
                long start = startOf(kind, a, day);
                if (clashes(perAgent.get(ai), start)) {
                    continue;
                }
                Episode e = new Episode(id, kind, a.id, start);
                Set<String> usedBefore = new HashSet<>();
                List<CallEvent> before = perAgent.get(ai).stream()
                        .filter(g -> g.event().time().getEpochSecond() < start).map(Generated::event).toList();
                before.forEach(c -> usedBefore.add(c.tool()));
                List<Generated> calls = misbehave(e, a, usedBefore, sequencesIn(before));
                if (calls.isEmpty()) {
                    continue; // nothing left this agent never used (a tool, or a sensitive path)
                }
                id++;
                insert(perAgent.get(ai), calls);
                episodes.add(e);
                made++;
            }
        }
        for (List<Generated> list : perAgent) {
            markTails(list);
            all.addAll(list);
        }
        all.sort(Comparator.comparing((Generated g) -> g.event().time()));
        return all;
    }

    private static boolean eligible(AnomalyKind kind, SimAgent a) {
        return switch (kind) {
            case UNUSUAL_HOURS -> !a.allDay; // an agent busy around the clock has no unusual hour
            case OUTSIDE_INTENT -> !a.tasks.isEmpty();
            // volume is judged against the agent's own reads of the tool: an agent without read tools has none, and
            // a read of a tool it never called is a first use (before session 7 such agents read sales.query)
            case DATA_VOLUME -> a.tools.stream().anyMatch(x -> x.kind() == ToolKind.READ);
            default -> true;
        };
    }

    private long startOf(AnomalyKind kind, SimAgent a, int day) {
        long dayStart = EPOCH.getEpochSecond() + day * 86_400L;
        if (kind == AnomalyKind.UNUSUAL_HOURS) {
            int hour = Math.floorMod(a.startHour + a.hours + 3 + r.nextInt(Math.max(1, 24 - a.hours - 6)), 24);
            return dayStart + hour * 3600L + r.nextInt(1800);
        }
        int hour = a.allDay ? r.nextInt(24) : a.startHour + 1 + r.nextInt(Math.max(1, a.hours - 2));
        return dayStart + hour * 3600L + r.nextInt(3600);
    }

    /** Another episode of the agent within a day of this start. */
    private static boolean clashes(List<Generated> list, long start) {
        for (Generated g : list) {
            if (g.episode() >= 0 && Math.abs(g.event().time().getEpochSecond() - start) < 86_400) {
                return true;
            }
        }
        return false;
    }

    /** Puts the episode's calls in, removing the agent's benign calls while the episode lasts. */
    private static void insert(List<Generated> list, List<Generated> episode) {
        Instant from = episode.get(0).event().time();
        Instant to = episode.get(episode.size() - 1).event().time();
        list.removeIf(g -> g.episode() == BENIGN && !g.event().time().isBefore(from) && !g.event().time().isAfter(to));
        list.addAll(episode);
        list.sort(Comparator.comparing((Generated g) -> g.event().time()));
    }

    private static void markTails(List<Generated> list) {
        int left = 0;
        for (int i = 0; i < list.size(); i++) {
            Generated g = list.get(i);
            if (g.episode() >= 0) {
                left = TAIL;
            } else if (left > 0) {
                list.set(i, new Generated(g.event(), AFTER, 0));
                left--;
            }
        }
    }

    private List<Generated> benign(SimAgent a) {
        List<Generated> out = new ArrayList<>();
        int session = 0;
        for (int day = 0; day < s.days(); day++) {
            long dayStart = EPOCH.getEpochSecond() + day * 86_400L;
            long start = a.allDay ? dayStart : dayStart + a.startHour * 3600L + (long) (r.nextGaussian() * 900);
            long end = a.allDay ? dayStart + 86_400 : start + a.hours * 3600L + (long) (r.nextGaussian() * 900);
            double t = start + exp(20 * 60);
            while (t < end) {
                session++;
                SimAgent.Task task = a.tasks.isEmpty() ? null : a.tasks.get(r.nextInt(a.tasks.size()));
                double rate = a.rate * (r.nextDouble() < s.busyShare() ? s.busyFactor() : 1);
                int calls = 1 + (int) exp(15);
                for (int i = 0; i < calls && t < end; i++) {
                    ToolSpec tool = task != null && r.nextDouble() >= s.drift()
                            ? task.tools().get(r.nextInt(task.tools().size())) : a.pick(r);
                    out.add(new Generated(call(a, tool, (long) t, a.id + "-s" + session,
                            task == null ? null : task.intent(), r.nextDouble() < a.denyRate, 1), BENIGN, 0));
                    t += exp(60 / rate);
                }
                t += exp(a.allDay ? 10 * 60 : 25 * 60);
            }
        }
        return out;
    }

    private CallEvent call(SimAgent a, ToolSpec tool, long second, String session, String intent, boolean denied,
                           double sizeMultiple) {
        Set<String> labels = new HashSet<>();
        boolean injection = false;
        long bytes = 0;
        long items = -1;
        if (!denied) {
            if (r.nextDouble() < tool.pii()) {
                labels.add("pii");
            }
            if (r.nextDouble() < tool.secret()) {
                labels.add("secret");
            }
            injection = tool.untrusted() && r.nextDouble() < a.injectionRate;
            bytes = (long) (tool.medianBytes() * a.sizeFactor * sizeMultiple
                    * Math.exp(s.sizeSpread() * r.nextGaussian()));
            items = tool.rows() ? Math.max(1, (long) (10 * sizeMultiple * Math.exp(s.sizeSpread() * r.nextGaussian())))
                    : -1;
        }
        return new CallEvent(Instant.ofEpochSecond(second, r.nextInt(1000) * 1_000_000L), a.id, null, session,
                tool.name(), tool.kind(), denied ? CallEvent.Outcome.DENIED : CallEvent.Outcome.ALLOWED, labels, bytes,
                items, injection, intent);
    }

    private double exp(double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    /**
     * The sensitive sequences in these calls: {@code source->egress} for every egress call within
     * {@value #SEQUENCE_CALLS} calls after an allowed output labelled {@code pii} or {@code secret}.
     */
    static Set<String> sequencesIn(List<CallEvent> calls) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < calls.size(); i++) {
            CallEvent c = calls.get(i);
            if (c.kind() != ToolKind.EGRESS) {
                continue;
            }
            for (int j = Math.max(0, i - SEQUENCE_CALLS); j < i; j++) {
                CallEvent source = calls.get(j);
                if (!source.denied() && (source.labels().contains("pii") || source.labels().contains("secret"))) {
                    out.add(source.tool() + "->" + c.tool());
                }
            }
        }
        return out;
    }

    /** The episode's calls: what an agent does when it misbehaves in this way. */
    private List<Generated> misbehave(Episode e, SimAgent a, Set<String> usedBefore, Set<String> sequencesBefore) {
        List<Generated> out = new ArrayList<>();
        double t = e.start();
        String session = a.id + "-x" + e.id();
        String intent = a.tasks.isEmpty() ? null : a.tasks.get(0).intent();
        Set<String> own = new HashSet<>();
        a.tools.forEach(x -> own.add(x.name()));
        switch (e.kind()) {
            case CALL_RATE -> {
                // a runaway loop: ten times the agent's own rate, and at least 20 calls a minute
                double interval = Math.min(3, 6 / a.rate);
                for (int i = 0; i < 40; i++) {
                    out.add(episodeCall(e, i, call(a, a.pick(r), (long) t, session, intent, false, 1)));
                    t += interval * (0.5 + r.nextDouble());
                }
            }
            case FIRST_USE -> {
                // a tool this agent never called before the episode (earlier episodes may have used some)
                usedBefore.forEach(own::add);
                List<ToolSpec> foreign = Catalog.TOOLS.stream().filter(x -> !own.contains(x.name())).toList();
                if (foreign.isEmpty()) {
                    return out;
                }
                ToolSpec novel = foreign.get(r.nextInt(foreign.size()));
                for (int i = 0; i < 5; i++) {
                    out.add(episodeCall(e, i, call(a, i == 0 ? novel : a.pick(r), (long) t, session, intent, false,
                            1)));
                    t += exp(60 / a.rate);
                }
            }
            case DATA_VOLUME -> {
                List<ToolSpec> reads = a.tools.stream().filter(x -> x.kind() == ToolKind.READ).toList();
                ToolSpec tool = reads.get(r.nextInt(reads.size()));
                double multiple = 20 + r.nextDouble() * 180;
                for (int i = 0; i < 10; i++) {
                    out.add(episodeCall(e, i, call(a, tool, (long) t, session, intent, false, multiple)));
                    t += exp(60 / a.rate);
                }
            }
            case DENIAL_BURST -> {
                // probing: refused calls go to tools outside the agent's grant (any tool of the catalogue but its
                // own); the calls that pass are its usual ones. Before session 7 every call went to a random
                // catalogue tool and the ones that passed planted other kinds (a vault read then a mail send).
                List<ToolSpec> foreign = Catalog.TOOLS.stream().filter(x -> !own.contains(x.name())).toList();
                for (int i = 0; i < 30; i++) {
                    boolean refused = r.nextDouble() < 0.6;
                    ToolSpec tool = !refused ? a.pick(r)
                            : foreign.isEmpty() ? Catalog.TOOLS.get(r.nextInt(Catalog.TOOLS.size()))
                            : foreign.get(r.nextInt(foreign.size()));
                    out.add(episodeCall(e, i, call(a, tool, (long) t, session, intent, refused, 1)));
                    t += exp(60 / a.rate);
                }
            }
            case UNUSUAL_HOURS -> {
                for (int i = 0; i < 20; i++) {
                    out.add(episodeCall(e, i, call(a, a.pick(r), (long) t, session, intent, false, 1)));
                    t += 60 + r.nextDouble() * 120;
                }
            }
            case FAN_OUT -> {
                // reconnaissance across every connector, without egress: a read of the vault followed by a mail
                // send would be a sensitive sequence, another kind's misbehaviour (and would teach it as usual)
                List<String> connectors = new ArrayList<>(Catalog.CONNECTORS);
                for (int i = 0; i < 20; i++) {
                    List<ToolSpec> of = withoutEgress(Catalog.of(connectors.get(i % connectors.size())));
                    out.add(episodeCall(e, i, call(a, of.get(r.nextInt(of.size())), (long) t, session, intent,
                            false, 1)));
                    t += 5 + r.nextDouble() * 15;
                }
            }
            case SENSITIVE_SEQUENCE -> {
                // a path the agent's data never took before (as a first-use episode is a tool it never called): the
                // same read and send that it makes in its daily work are its usual behaviour, not this misbehaviour
                List<String[]> paths = new ArrayList<>();
                for (String from : List.of("crm.get_customer", "vault.read")) {
                    for (String to : List.of("mail.send", "web.post", "files.upload")) {
                        if (!sequencesBefore.contains(from + "->" + to)) {
                            paths.add(new String[] {from, to});
                        }
                    }
                }
                if (paths.isEmpty()) {
                    return out;
                }
                String[] path = paths.get(r.nextInt(paths.size()));
                ToolSpec source = Catalog.tool(path[0]);
                CallEvent read = call(a, source, (long) t, session, intent, false, 1);
                Set<String> labels = new HashSet<>(read.labels());
                labels.add(source.name().startsWith("vault") ? "secret" : "pii");
                out.add(episodeCall(e, 0, new CallEvent(read.time(), read.agentId(), null, session, read.tool(),
                        read.kind(), read.outcome(), labels, read.bytes(), read.items(), false, intent)));
                int between = r.nextInt(4);
                for (int i = 1; i <= between; i++) {
                    t += exp(60 / a.rate);
                    out.add(episodeCall(e, i, call(a, a.pick(r), (long) t, session, intent, false, 1)));
                }
                t += exp(60 / a.rate);
                ToolSpec egress = Catalog.tool(path[1]);
                out.add(episodeCall(e, between + 1, call(a, egress, (long) t, session, intent, false, 1)));
            }
            case REPEATED_INJECTION -> {
                for (int i = 0; i < 20; i++) {
                    CallEvent c = call(a, a.pick(r), (long) t, session, intent, false, 1);
                    out.add(episodeCall(e, i, new CallEvent(c.time(), c.agentId(), null, session, c.tool(), c.kind(),
                            c.outcome(), c.labels(), c.bytes(), c.items(), r.nextDouble() < 0.5, intent)));
                    t += exp(60 / a.rate);
                }
            }
            case OUTSIDE_INTENT -> {
                SimAgent.Task task = a.tasks.get(r.nextInt(a.tasks.size()));
                // off-task calls, but no egress: off-task egress after a sensitive read is a sensitive sequence
                List<ToolSpec> outside = withoutEgress(Catalog.TOOLS.stream()
                        .filter(x -> !task.tools().contains(x)).toList());
                for (int i = 0; i < 20; i++) {
                    ToolSpec tool = r.nextDouble() < 0.6 ? outside.get(r.nextInt(outside.size()))
                            : task.tools().get(r.nextInt(task.tools().size()));
                    out.add(episodeCall(e, i, call(a, tool, (long) t, session, task.intent(), false, 1)));
                    t += exp(60 / a.rate);
                }
            }
        }
        return out;
    }

    /** The tools of the list that send nothing out (every connector has one). */
    private static List<ToolSpec> withoutEgress(List<ToolSpec> tools) {
        return tools.stream().filter(x -> x.kind() != ToolKind.EGRESS).toList();
    }

    private static Generated episodeCall(Episode e, int index, CallEvent call) {
        return new Generated(call, e.id(), index + 1);
    }
}
