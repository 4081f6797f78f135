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
 */
record TrafficSetting(String name, long seed, int agents, int days, double medianRate, double rateSpread,
                      int maxConnectors, double zipf, double sizeSpread, double maxDenyRate, double maxInjectionRate,
                      double drift, double allDayShare, double busyShare, double busyFactor, double intentShare,
                      int episodesPerKind) {

    static final TrafficSetting A = new TrafficSetting("A", 1, 40, 14, 1.5, 0.5, 3, 1.0, 0.5, 0.05, 0.01, 0.05,
            0.15, 0.1, 2.5, 0.5, 40);
    static final TrafficSetting B = new TrafficSetting("B", 20261207, 60, 10, 4.0, 0.8, 4, 1.3, 0.8, 0.10, 0.02,
            0.08, 0.3, 0.2, 3.0, 0.6, 40);
}
