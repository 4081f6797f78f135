package dev.bulwark.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.spi.Checks;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throttles failed attempts at the token endpoint, so API keys cannot be guessed at speed, without letting an attacker
 * lock the real agent out. Only failures are counted, in three token buckets (Bucket4j), each refilling its capacity
 * over one window:
 * <ol>
 *   <li>per (client id, source address): the attacker guessing one agent's key from one place. When empty, that pair
 *       is refused whatever the key.</li>
 *   <li>per source address (IPv6 by /64): one place guessing many agents' keys. Looser; when empty, the source is
 *       refused for every client.</li>
 *   <li>per client id, from all sources: a distributed guess at one agent's key. When empty, it only holds back sources
 *       that themselves failed for this client recently; a source with no recent failure for it (the real agent, at
 *       home, with its key) is still served. So it slows the attacker to one try per fresh address per window and
 *       never locks the agent out.</li>
 * </ol>
 * A successful request consumes nothing and allocates nothing. Buckets live in size-bounded Caffeine caches (the keys
 * are attacker-chosen): at most {@code maxTrackedKeys} each, expiring after a window without failures, when a bucket
 * has refilled anyway. Caffeine's frequency-based admission keeps busy buckets when a flood of one-off keys arrives.
 *
 * <p>Throttled attempts are counted per key for aggregate audit records ({@link #drainThrottled()}), not one record
 * each.
 */
public final class TokenThrottle {
    private final Settings settings;
    private final TimeMeter meter;
    private final Cache<String, Bucket> pairs;
    private final Cache<String, Bucket> sources;
    private final Cache<String, Bucket> clients;
    private final Cache<String, AtomicLong> throttled;

    /**
     * @param window              time in which each bucket refills completely
     * @param failuresPerPair     failures allowed per (client id, source) per window
     * @param failuresPerSource   failures allowed per source address per window, over all client ids
     * @param failuresPerClient   failures allowed per client id per window, over all sources (slows, never blocks)
     * @param maxTrackedKeys      most keys each bucket map holds
     */
    public record Settings(Duration window, int failuresPerPair, int failuresPerSource, int failuresPerClient,
                           long maxTrackedKeys) {
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(5), 5, 20, 20, 100_000);

        public Settings {
            Checks.present(window, "window");
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("throttle window must be between 1s and 1d");
            }
            for (int n : new int[] {failuresPerPair, failuresPerSource, failuresPerClient}) {
                if (n < 1 || n > 1_000_000) {
                    throw new IllegalArgumentException("throttle failure counts must be between 1 and 1000000");
                }
            }
            if (maxTrackedKeys < 100 || maxTrackedKeys > 10_000_000) {
                throw new IllegalArgumentException("throttle maxTrackedKeys must be between 100 and 10000000");
            }
        }
    }

    /** Whether a request may go on to credential checks. */
    public sealed interface Verdict permits Verdict.Proceed, Verdict.Throttled {
        record Proceed() implements Verdict {
        }

        /**
         * @param retryAfter when the caller may try again (at least one second)
         * @param scope      which bucket is empty: {@code client+source}, {@code source} or {@code client}
         * @param first      the first throttled attempt for this key since the last {@link #drainThrottled()}
         */
        record Throttled(Duration retryAfter, String scope, boolean first) implements Verdict {
        }
    }

    public TokenThrottle(Settings settings, Clock clock) {
        this.settings = Checks.present(settings, "settings");
        this.meter = new ClockMeter(Checks.present(clock, "clock"));
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.pairs = cache(ticker);
        this.sources = cache(ticker);
        this.clients = cache(ticker);
        this.throttled = Caffeine.newBuilder().maximumSize(settings.maxTrackedKeys()).executor(Runnable::run)
                .build();
    }

    private <V> Cache<String, V> cache(Ticker ticker) {
        return Caffeine.newBuilder().maximumSize(settings.maxTrackedKeys()).expireAfterAccess(settings.window())
                .ticker(ticker).executor(Runnable::run).build();
    }

    /** Decides, before any credential is checked, whether this attempt may proceed. */
    public Verdict check(Optional<String> clientId, String sourceAddress) {
        String source = sourceKey(sourceAddress);
        Optional<Duration> wait = waitFor(sources.getIfPresent(source));
        if (wait.isPresent()) {
            return throttled("source", "source " + source, wait.get());
        }
        if (clientId.isEmpty()) {
            return new Verdict.Proceed();
        }
        String client = clientId.get();
        Bucket pair = pairs.getIfPresent(pairKey(client, source));
        wait = waitFor(pair);
        if (wait.isPresent()) {
            return throttled("client+source", "client " + client + " from " + source, wait.get());
        }
        wait = waitFor(clients.getIfPresent(client));
        boolean failedHereRecently = pair != null && pair.getAvailableTokens() < settings.failuresPerPair();
        if (wait.isPresent() && failedHereRecently) {
            return throttled("client", "client " + client + " from " + source, wait.get());
        }
        return new Verdict.Proceed();
    }

    /** Counts a failed attempt against every bucket it concerns. */
    public void recordFailure(Optional<String> clientId, String sourceAddress) {
        String source = sourceKey(sourceAddress);
        sources.get(source, k -> bucket(settings.failuresPerSource())).tryConsume(1);
        clientId.ifPresent(client -> {
            pairs.get(pairKey(client, source), k -> bucket(settings.failuresPerPair())).tryConsume(1);
            clients.get(client, k -> bucket(settings.failuresPerClient())).tryConsume(1);
        });
    }

    /** Throttled attempts per key since the last call, for one aggregate audit record each; resets the counts. */
    public Map<String, Long> drainThrottled() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String key : throttled.asMap().keySet()) {
            AtomicLong count = throttled.asMap().remove(key);
            if (count != null && count.get() > 0) {
                out.put(key, count.get());
            }
        }
        return out;
    }

    /** Keys tracked now, per bucket map: bounded by {@code maxTrackedKeys}. */
    long trackedKeys() {
        pairs.cleanUp();
        sources.cleanUp();
        clients.cleanUp();
        return Math.max(pairs.estimatedSize(), Math.max(sources.estimatedSize(), clients.estimatedSize()));
    }

    private Verdict throttled(String scope, String key, Duration wait) {
        boolean[] first = {false};
        throttled.get(scope + ": " + key, k -> {
            first[0] = true;
            return new AtomicLong();
        }).incrementAndGet();
        Duration retry = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : Duration.ofSeconds((wait.toMillis() + 999) / 1000);
        return new Verdict.Throttled(retry, scope, first[0]);
    }

    private static Optional<Duration> waitFor(Bucket bucket) {
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(int capacity) {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, settings.window()))
                .withCustomTimePrecision(meter).build();
    }

    private static String pairKey(String client, String source) {
        return client + "\n" + source;
    }

    /**
     * The throttling key of an address: IPv4 as is, IPv6 by its /64 prefix (one host usually holds a whole /64, so
     * per-address buckets would be trivial to sidestep). Anything unparsable is its own key.
     */
    static String sourceKey(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (!literal.contains(":")) {
            return literal;
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress(); // an IP literal: no DNS lookup
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    /** Bucket4j's time source, from an injectable clock (tests move time by hand). */
    private record ClockMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
