package dev.bulwark.anomaly;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tools a session calls that its declared intent does not explain. A tool is explained when a word of its name
 * appears in the intent, or when the principal called it, in at least {@link #PAIR_SESSIONS} earlier sessions, under
 * an intent sharing a word with this one. The detector judges only once the principal has declared intents in
 * {@link #MIN_SESSIONS} sessions and at least one word of this intent is known from {@link #PAIR_SESSIONS} earlier
 * sessions. A session's unexplained calls are reported when there are at least {@link #UNEXPLAINED} and their count
 * among the session's judged calls has a binomial tail probability below {@link #ALPHA} under the principal's own
 * share of unexplained calls (its drift: exponentially weighted, at least {@link #RATE_FLOOR}); an agent whose
 * sessions often wander is not reported for wandering once more. Associations are bounded ({@link #MAX_TERMS} words ×
 * {@link #MAX_TOOLS_PER_TERM} tools).
 */
final class OutsideIntentDetector implements Detector {
    static final int MIN_SESSIONS = 10;
    static final int PAIR_SESSIONS = 2;
    static final int UNEXPLAINED = 2;
    static final int MAX_TERMS = 64;
    static final int MAX_TOOLS_PER_TERM = 16;
    static final double RATE_FLOOR = 0.02;
    static final double RATE_ALPHA = 0.01;
    /** A session's unexplained calls this unlikely under the principal's own drift rate are reported. */
    static final double ALPHA = 1e-3;
    /** Sessions are judged in blocks of this many calls (bounds the binomial's cost on endless sessions). */
    static final int BLOCK = 64;

    private final AnomalySettings settings;
    /** term → tool → {sessions seen together, hash of the last session} */
    private final Map<String, Map<String, int[]>> together = new HashMap<>();
    /** term → {sessions, hash of the last session} */
    private final Map<String, int[]> termSessions = new HashMap<>();
    private int sessions;
    private int currentSession;
    private boolean inSession;
    private int unexplained;
    private int judgedInSession;
    /** The principal's own share of judged calls its intents do not explain (drift), exponentially weighted. */
    private double rate;

    OutsideIntentDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    @Override
    public AnomalyKind kind() {
        return AnomalyKind.OUTSIDE_INTENT;
    }

    @Override
    public Finding observe(CallEvent call, long time, long history) {
        if (call.intent() == null || call.sessionId() == null) {
            return null;
        }
        int session = call.sessionId().hashCode() * 31 + call.intent().hashCode();
        if (!inSession || session != currentSession) {
            inSession = true;
            currentSession = session;
            unexplained = 0;
            judgedInSession = 0;
            sessions++;
        }
        Set<String> terms = IntentTerms.of(call.intent());
        Finding finding = null;
        boolean judged = sessions > MIN_SESSIONS && history >= settings.learnCalls()
                && terms.stream().anyMatch(t -> earlierSessions(termSessions.get(t), session) >= PAIR_SESSIONS);
        boolean outside = judged && !explained(call.tool(), terms, session);
        if (judged) {
            if (judgedInSession == BLOCK) {
                judgedInSession = 0;
                unexplained = 0;
            }
            judgedInSession++;
        }
        if (outside) {
            unexplained++;
            if (unexplained >= Math.max(UNEXPLAINED, Binomial.threshold(judgedInSession,
                    Math.min(0.99, Math.max(rate, RATE_FLOOR)), ALPHA))) {
                finding = new Finding(unexplained, unexplained + " calls this session's intent does not explain, the"
                        + " latest " + call.tool(), Map.of("unexplainedCalls", unexplained,
                        "intentWords", terms.size(), "judgedCalls", judgedInSession,
                        "knownWords", terms.stream().filter(t -> earlierSessions(termSessions.get(t), session)
                                >= PAIR_SESSIONS).count(), "driftRate", CallRateDetector.round(rate)));
            }
        }
        if (judged && finding == null) {
            rate += RATE_ALPHA * ((outside ? 1 : 0) - rate); // what was reported does not teach the drift rate
        }
        learn(call.tool(), terms, session);
        return finding;
    }

    private boolean explained(String tool, Set<String> terms, int session) {
        for (String part : IntentTerms.of(tool.replace('_', ' ').replace('.', ' ').replace('-', ' '))) {
            if (terms.contains(part)) {
                return true;
            }
        }
        for (String term : terms) {
            Map<String, int[]> tools = together.get(term);
            if (tools != null && earlierSessions(tools.get(tool), session) >= PAIR_SESSIONS) {
                return true;
            }
        }
        return false;
    }

    /** Sessions counted, less the current one when it is the last counted. */
    private static int earlierSessions(int[] seen, int session) {
        return seen == null ? 0 : seen[1] == session ? seen[0] - 1 : seen[0];
    }

    private void learn(String tool, Set<String> terms, int session) {
        for (String term : terms) {
            int[] t = termSessions.get(term);
            if (t == null) {
                if (termSessions.size() >= MAX_TERMS) {
                    continue;
                }
                t = new int[2];
                termSessions.put(term, t);
            }
            if (t[0] == 0 || t[1] != session) {
                t[0]++;
                t[1] = session;
            }
            Map<String, int[]> tools = together.computeIfAbsent(term, k -> new HashMap<>());
            int[] pair = tools.get(tool);
            if (pair == null) {
                if (tools.size() >= MAX_TOOLS_PER_TERM) {
                    continue;
                }
                pair = new int[2];
                tools.put(tool, pair);
            }
            if (pair[0] == 0 || pair[1] != session) {
                pair[0]++;
                pair[1] = session;
            }
        }
    }

    @Override
    public void save(BaselineCodec.Writer out) {
        out.i(termSessions.size());
        termSessions.forEach((term, t) -> {
            out.s(term);
            out.i(t[0]);
            out.i(t[1]);
            Map<String, int[]> tools = together.getOrDefault(term, Map.of());
            out.i(tools.size());
            tools.forEach((tool, pair) -> {
                out.s(tool);
                out.i(pair[0]);
                out.i(pair[1]);
            });
        });
        out.i(sessions);
        out.i(currentSession);
        out.b(inSession);
        out.i(unexplained);
        out.i(judgedInSession);
        out.d(rate);
    }

    @Override
    public void load(BaselineCodec.Reader in) throws java.io.IOException {
        int terms = in.i(0, MAX_TERMS);
        for (int k = 0; k < terms; k++) {
            String term = in.s();
            int[] t = {in.i(0, Integer.MAX_VALUE), in.i()};
            int n = in.i(0, MAX_TOOLS_PER_TERM);
            Map<String, int[]> tools = new HashMap<>();
            for (int j = 0; j < n; j++) {
                String tool = in.s();
                int[] pair = {in.i(0, Integer.MAX_VALUE), in.i()};
                if (tool == null) {
                    throw new java.io.IOException("a tool name is missing");
                }
                tools.put(tool, pair);
            }
            if (term == null) {
                throw new java.io.IOException("an intent word is missing");
            }
            termSessions.put(term, t);
            together.put(term, tools);
        }
        sessions = in.i(0, Integer.MAX_VALUE);
        currentSession = in.i();
        inSession = in.b();
        unexplained = in.i(0, BLOCK);
        judgedInSession = in.i(0, BLOCK);
        rate = in.d();
        if (rate < 0 || rate > 1) {
            throw new java.io.IOException("a rate outside 0..1");
        }
    }
}
