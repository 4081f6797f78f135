package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges each call against the baselines of its agent and, under delegation, of its user, then learns from it. Every
 * detector runs on every call; a kind reported for a principal is not reported again within the cooldown.
 *
 * <p>Memory is bounded: at most {@code maxPrincipals} profiles (the least recently seen is forgotten, and starts over
 * when it returns), each bounded by its detectors. Time is made safe per principal: an event older than the
 * principal's last is taken at the last's time (out-of-order delivery cannot move a baseline backwards), and one
 * further ahead of this gateway's clock than {@code maxSkew} is taken at that bound (a skewed clock cannot push a
 * principal's time into the future and blind the windows).
 */
public final class AnomalyDetector {
    private final AnomalySettings settings;
    private final InstantSource clock;
    private final Set<AnomalyKind> enabled;
    private final LinkedHashMap<String, Profile> profiles;
    private volatile int principalCount;

    public AnomalyDetector(AnomalySettings settings, InstantSource clock, Set<AnomalyKind> enabled) {
        this.settings = Checks.present(settings, "settings");
        this.clock = Checks.present(clock, "clock");
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(AnomalyKind.class) : EnumSet.copyOf(enabled);
        int max = settings.maxPrincipals();
        this.profiles = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Profile> eldest) {
                return size() > max;
            }
        };
    }

    public AnomalyDetector(AnomalySettings settings, InstantSource clock) {
        this(settings, clock, EnumSet.allOf(AnomalyKind.class));
    }

    /** The anomalies this call reveals, for its agent and then its user; usually none. */
    public synchronized List<Anomaly> observe(CallEvent call) {
        Checks.present(call, "call");
        List<Anomaly> out = new ArrayList<>(0);
        judge("agent:" + call.agentId(), call, out);
        if (call.userId() != null) {
            judge("user:" + call.userId(), call, out);
        }
        principalCount = profiles.size();
        return out;
    }

    /** How many principals have a baseline now (read without waiting for a judgement in progress). */
    public int principals() {
        return principalCount;
    }

    private void judge(String principal, CallEvent call, List<Anomaly> out) {
        Profile profile = profiles.computeIfAbsent(principal, p -> new Profile(settings));
        long bound = clock.instant().plus(settings.maxSkew()).toEpochMilli();
        long time = Math.min(call.time().toEpochMilli(), bound);
        time = Math.max(time, profile.lastTime);
        profile.lastTime = time;
        for (Detector detector : profile.detectors) {
            Finding finding = detector.observe(call, time, profile.calls);
            if (finding == null || !enabled.contains(detector.kind())) {
                continue;
            }
            int k = detector.kind().ordinal();
            long last = profile.reportedAt[k];
            if (last != Long.MIN_VALUE && time - last < settings.cooldown().toMillis()) {
                continue;
            }
            profile.reportedAt[k] = time;
            out.add(new Anomaly(Instant.ofEpochMilli(time), detector.kind(), principal, call.agentId(), call.userId(),
                    call.sessionId(), call.tool(), finding.score(), finding.summary(), finding.facts()));
        }
        profile.calls++;
    }
}
