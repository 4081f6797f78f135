package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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
    private static final System.Logger LOG = System.getLogger(AnomalyDetector.class.getName());
    private final AnomalySettings settings;
    private final InstantSource clock;
    private final Set<AnomalyKind> enabled;
    private final LinkedHashMap<String, Profile> profiles;
    private final BaselineStore store;
    private final AtomicLong baselineProblems = new AtomicLong();
    private volatile int principalCount;

    public AnomalyDetector(AnomalySettings settings, InstantSource clock, Set<AnomalyKind> enabled) {
        this(settings, clock, enabled, null);
    }

    /**
     * A detector whose baselines are also kept in {@code store} (may be {@code null}): a principal met for the first
     * time in this process starts from its stored snapshot, and {@link #snapshot()} writes what was learned.
     */
    public AnomalyDetector(AnomalySettings settings, InstantSource clock, Set<AnomalyKind> enabled,
                           BaselineStore store) {
        this.store = store;
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

    /**
     * Loads the most recently stored baselines (at most {@code maxPrincipals}), for a start with what was learned
     * before. Unreadable snapshots are skipped with a warning; an unreachable store leaves the baselines empty. Returns
     * how many were loaded.
     */
    public synchronized int restore() {
        if (store == null) {
            return 0;
        }
        List<BaselineStore.Snapshot> recent;
        try {
            recent = store.recent(settings.maxPrincipals());
        } catch (RuntimeException e) {
            problem("cannot read stored baselines, starting fresh", e);
            return 0;
        }
        int loaded = 0;
        // oldest first, so the newest end up most recently used
        for (int i = recent.size() - 1; i >= 0; i--) {
            BaselineStore.Snapshot s = recent.get(i);
            Profile p = decode(s.principal(), s.state());
            if (p != null && !profiles.containsKey(s.principal())) {
                profiles.put(s.principal(), p);
                loaded++;
            }
        }
        principalCount = profiles.size();
        return loaded;
    }

    /**
     * Writes the baselines that learned since the last snapshot to the store; returns how many. A store that cannot
     * be written is reported with a warning and the baselines are written next time.
     */
    public int snapshot() {
        if (store == null) {
            return 0;
        }
        Map<String, byte[]> changed = new LinkedHashMap<>();
        List<Profile> written = new ArrayList<>();
        synchronized (this) {
            profiles.forEach((principal, p) -> {
                if (p.dirty) {
                    changed.put(principal, p.encode());
                    p.dirty = false;
                    written.add(p);
                }
            });
        }
        if (changed.isEmpty()) {
            return 0;
        }
        try {
            store.save(changed, settings.maxPrincipals());
            return changed.size();
        } catch (RuntimeException e) {
            synchronized (this) {
                written.forEach(p -> p.dirty = true);
            }
            problem("cannot write baselines, keeping them in memory", e);
            return 0;
        }
    }

    /** Stored baselines found unreadable, and store errors, so far. */
    public long baselineProblems() {
        return baselineProblems.get();
    }

    private Profile stored(String principal) {
        if (store != null) {
            try {
                byte[] state = store.load(principal);
                Profile p = state == null ? null : decode(principal, state);
                if (p != null) {
                    return p;
                }
            } catch (RuntimeException e) {
                problem("cannot read the stored baseline of " + principal + ", starting it fresh", e);
            }
        }
        return new Profile(settings);
    }

    private Profile decode(String principal, byte[] state) {
        try {
            return Profile.decode(settings, state);
        } catch (IOException | RuntimeException e) {
            problem("the stored baseline of " + principal + " is unreadable (" + e.getMessage()
                    + "), starting it fresh", null);
            return null;
        }
    }

    private void problem(String message, Exception e) {
        baselineProblems.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, message, e);
    }

    /** How many principals have a baseline now (read without waiting for a judgement in progress). */
    public int principals() {
        return principalCount;
    }

    private void judge(String principal, CallEvent call, List<Anomaly> out) {
        Profile profile = profiles.get(principal);
        if (profile == null) {
            profile = stored(principal);
            profiles.put(principal, profile);
        }
        profile.dirty = true;
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
