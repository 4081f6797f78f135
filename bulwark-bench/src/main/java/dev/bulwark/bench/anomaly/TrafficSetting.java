package dev.bulwark.bench.anomaly;

/**
 * How generated traffic looks: an independent setting is a second set of these (other seed, rates, mixes).
 *
 * @param seed              everything random derives from it
 * @param agents            agents generated
 * @param days              simulated days
 * @param medianRate        median calls per minute while an agent is in a session (agents vary around it)
 * @param rateSpread        log-normal spread of agents' rates
 * @param maxConnectors     connectors an agent uses: 1 to this many
 * @param zipf              skew of an agent's tool mix (higher: a few tools dominate)
 * @param sizeSpread        log-normal spread of output sizes around each tool's median
 * @param maxDenyRate       agents' refused share: 0 to this
 * @param maxInjectionRate  agents' share of outputs with injection findings (untrusted tools): 0 to this
 * @param drift             chance that a call in a session with an intent uses another of the agent's tools
 * @param allDayShare       agents that work around the clock (batch jobs)
 * @param busyShare         sessions run at a multiple of the agent's rate
 * @param busyFactor        that multiple
 * @param intentShare       agents whose sessions declare intents
 * @param episodesPerKind   injected misbehaviours of each kind
 * @param firstShiftStart   the earliest hour (UTC) a shift starts
 * @param shiftStartSpan    shifts start within this many hours of it
 * @param minShiftHours     the shortest shift
 * @param shiftHoursSpan    shifts are up to this many hours longer
 */
record TrafficSetting(String name, long seed, int agents, int days, double medianRate, double rateSpread,
                      int maxConnectors, double zipf, double sizeSpread, double maxDenyRate, double maxInjectionRate,
                      double drift, double allDayShare, double busyShare, double busyFactor, double intentShare,
                      int episodesPerKind, int firstShiftStart, int shiftStartSpan, int minShiftHours,
                      int shiftHoursSpan) {

    public TrafficSetting {
        if (minShiftHours + shiftHoursSpan > 18 || minShiftHours < 1 || shiftStartSpan < 1 || shiftHoursSpan < 1) {
            throw new IllegalArgumentException("shifts must leave at least 6 hours of the day free");
        }
    }

    static final TrafficSetting A = new TrafficSetting("A", 1, 40, 14, 1.5, 0.5, 3, 1.0, 0.5, 0.05, 0.01, 0.05,
            0.15, 0.1, 2.5, 0.5, 40, 5, 8, 7, 4);
    static final TrafficSetting B = new TrafficSetting("B", 20261207, 60, 10, 4.0, 0.8, 4, 1.3, 0.8, 0.10, 0.02,
            0.08, 0.3, 0.2, 3.0, 0.6, 40, 5, 8, 7, 4);
    /**
     * Held out: defined before the detectors were revised and never used to choose them; run once at the end and
     * reported as measured. Other seed, rates between A and B with their own spread, five connectors and a flatter
     * tool mix, shifts anywhere from 00 to 15 UTC lasting 6 to 12 hours.
     */
    static final TrafficSetting C = new TrafficSetting("C", 770_001, 50, 12, 2.5, 0.6, 5, 0.8, 0.65, 0.07, 0.015,
            0.06, 0.2, 0.15, 2.0, 0.4, 40, 0, 16, 6, 7);
    /**
     * Held out in session 7 (C was run and then used while tuning, so it is a development set now): defined and
     * committed before any detector or generator change of that session, never run while tuning, run once at the end
     * and reported as measured. Its own seed; 45 agents over 11 days; a median rate of 3.2 a minute with spread 0.7
     * (between A and B, wider than C); up to 4 connectors; a tool mix of skew 1.15; size spread 0.7; up to 8 %
     * refusals and 2.5 % injection findings; 7 % drift; a quarter of the agents round the clock; 12 % busy sessions at
     * 2.8 ×; half the agents with intents; shifts starting 03 to 12 UTC and lasting 8 to 12 hours.
     */
    static final TrafficSetting D = new TrafficSetting("D", 5_318_008_221L, 45, 11, 3.2, 0.7, 4, 1.15, 0.7, 0.08,
            0.025, 0.07, 0.25, 0.12, 2.8, 0.5, 40, 3, 10, 8, 5);
    /**
     * D with room for its episodes: D's 45 agents × 8 days after the learning days hold at most 360 episodes (one per
     * agent and day) for 9 × 40 asked, so first-use and outside-intent episodes, made last, found almost no free day
     * (2 and 1). Defined after D's only run, with no detector changed since; 60 agents over 16 days, all else D's.
     */
    static final TrafficSetting D_WIDE = new TrafficSetting("D-wide", D.seed(), 60, 16, D.medianRate(),
            D.rateSpread(), D.maxConnectors(), D.zipf(), D.sizeSpread(), D.maxDenyRate(), D.maxInjectionRate(),
            D.drift(), D.allDayShare(), D.busyShare(), D.busyFactor(), D.intentShare(), D.episodesPerKind(),
            D.firstShiftStart(), D.shiftStartSpan(), D.minShiftHours(), D.shiftHoursSpan());

    /**
     * Held out in session 8: defined and committed before any detector or generator change of that session, never run
     * while tuning, run once after the last detector change and reported as measured. Its own seed (chosen when it
     * was defined); sized for its episodes, which D was not: 70 agents over 18 days leave 15 days after the learning
     * days, 1,050 agent-days for the 360 episodes asked (D-wide had 780 and filled every kind), and 55 % of the
     * agents declare intents so outside-intent episodes find free days. A median rate of 2.8 a minute with spread
     * 0.65; up to 4 connectors; tool-mix skew 1.05; size spread 0.75; up to 9 % refusals and 2 % injection findings;
     * 6.5 % drift; a fifth of the agents round the clock; 15 % busy sessions at 2.6 ×; shifts starting 02 to 13 UTC
     * and lasting 7 to 11 hours.
     */
    static final TrafficSetting E = new TrafficSetting("E", 4_172_906_655L, 70, 18, 2.8, 0.65, 4, 1.05, 0.75, 0.09,
            0.02, 0.065, 0.2, 0.15, 2.6, 0.55, 40, 2, 12, 7, 5);

    /**
     * Held out in session 9: defined and committed before any detector or generator change of that session, never run
     * while tuning, run once after the last detector change and reported as measured. Its own seed (drawn from
     * /dev/urandom when it was defined); sized like E for its episodes: 75 agents over 18 days leave 15 days after the
     * learning days, 1,125 agent-days for the 360 episodes asked, and 60 % of the agents declare intents. A median rate
     * of 3.5 a minute with spread 0.75; up to 5 connectors; tool-mix skew 1.2; size spread 0.6; up to 8.5 % refusals
     * and 1.8 % injection findings; 7.5 % drift; 22 % of the agents round the clock; 18 % busy sessions at 2.7 ×;
     * shifts starting 01 to 13 UTC and lasting 7 to 11 hours.
     */
    static final TrafficSetting F = new TrafficSetting("F", 332_725_045L, 75, 18, 3.5, 0.75, 5, 1.2, 0.6, 0.085,
            0.018, 0.075, 0.22, 0.18, 2.7, 0.6, 40, 1, 13, 7, 5);

    /**
     * Held out in session 10: defined and committed before any detector or generator change of that session, never run
     * through the detectors while tuning, run once after the last detector change and reported as measured. Its own
     * seed (drawn from /dev/urandom when it was defined); 80 agents over 20 days leave 17 days after the learning
     * days, 1,360 agent-days for the 360 episodes asked, and 58 % of the agents declare intents. A median rate of 3.0
     * a minute with spread 0.72; up to 4 connectors; tool-mix skew 1.1; size spread 0.68; up to 7.5 % refusals and
     * 2.2 % injection findings; 6.8 % drift; 18 % of the agents round the clock; 16 % busy sessions at 2.9 ×; shifts
     * starting 04 to 14 UTC and lasting 8 to 11 hours.
     */
    static final TrafficSetting G = new TrafficSetting("G", 1_126_433_839L, 80, 20, 3.0, 0.72, 4, 1.1, 0.68, 0.075,
            0.022, 0.068, 0.18, 0.16, 2.9, 0.58, 40, 4, 11, 8, 4);

    static TrafficSetting named(String name) {
        return switch (name) {
            case "A" -> A;
            case "B" -> B;
            case "C" -> C;
            case "D" -> D;
            case "D-wide" -> D_WIDE;
            case "E" -> E;
            case "F" -> F;
            case "G" -> G;
            default -> throw new IllegalArgumentException("settings are A, B, C, D, D-wide, E, F and G");
        };
    }
}
