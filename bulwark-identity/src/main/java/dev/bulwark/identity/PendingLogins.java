package dev.bulwark.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.spi.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * Logins in progress between the authorization request and the user's consent: which request, whether (and as whom)
 * the user has logged in, and the CSRF token every form of the login must carry. The browser holds only the id (in a
 * cookie); the token is in the page. A form is accepted only with both, so a page of another site can neither log a
 * victim in as the attacker nor make them consent.
 *
 * <p>Held in this replica's memory for 10 minutes at most, bounded in number: behind a load balancer, a login must stay
 * on one replica (sticky sessions); a login that lands elsewhere starts again, it never succeeds wrongly.
 *
 * <p>Starting a login costs one unthrottled request, so the bound is kept by refusing new logins, never by evicting
 * those in progress (a flood would otherwise push out every user's login): at most {@link #MAX_PER_SOURCE} per source
 * address (IPv6 by /64) and {@code maxPending} in all.
 */
public final class PendingLogins {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Logins one source address may have in progress at once. */
    public static final int MAX_PER_SOURCE = 100;
    private final int maxPending;
    private final Cache<String, Pending> pending;
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> perSource =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, String> sourceOf =
            new java.util.concurrent.ConcurrentHashMap<>();

    public PendingLogins(int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive");
        }
        this.maxPending = maxPending;
        // The size bound is a safety net only: start() refuses before it is reached.
        pending = Caffeine.newBuilder().maximumSize(2L * maxPending).expireAfterWrite(LIFETIME)
                .executor(Runnable::run)
                .removalListener((String id, Pending p, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (cause != com.github.benmanes.caffeine.cache.RemovalCause.REPLACED && id != null) {
                        release(id);
                    }
                }).build();
    }

    /**
     * One login in progress.
     *
     * @param userId present once the user has proved who they are
     */
    public record Pending(String id, String csrf, AuthorizationRequest request, Optional<String> userId) {
        public Pending {
            Checks.nonBlank(id, "id");
            Checks.nonBlank(csrf, "csrf");
            Checks.present(request, "request");
            Checks.present(userId, "userId");
        }
    }

    /**
     * Starts a login for a browser at {@code sourceAddress}; empty when that source already has
     * {@link #MAX_PER_SOURCE} logins in progress or this replica holds {@code maxPending}.
     */
    public Optional<Pending> start(AuthorizationRequest request, String sourceAddress) {
        String source = TokenThrottle.sourceKey(String.valueOf(sourceAddress));
        pending.cleanUp(); // expired logins free their places first
        if (sourceOf.size() >= maxPending) {
            return Optional.empty();
        }
        boolean[] admitted = {false};
        perSource.compute(source, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= MAX_PER_SOURCE) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            return Optional.empty();
        }
        Pending p = new Pending(OpaqueTokens.random(32), OpaqueTokens.random(32), request, Optional.empty());
        sourceOf.put(p.id(), source);
        pending.put(p.id(), p);
        return Optional.of(p);
    }

    /** A login ended (finished, expired or dropped): its source may start another. Lock-free: called by the cache. */
    private void release(String id) {
        String source = sourceOf.remove(id);
        if (source != null) {
            perSource.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The login with this id, when {@code csrf} is its token (constant-time comparison). */
    public Optional<Pending> find(String id, String csrf) {
        return byId(id).filter(p -> OpaqueTokens.same(p.csrf(), csrf));
    }

    /** The login with this id, without a CSRF check: only for a redirect back from the identity provider. */
    public Optional<Pending> byId(String id) {
        return id == null || id.length() > 64 ? Optional.empty() : Optional.ofNullable(pending.getIfPresent(id));
    }

    /** The user proved who they are: a new CSRF token for the consent page. */
    public Pending loggedIn(Pending p, String userId) {
        Pending next = new Pending(p.id(), OpaqueTokens.random(32), p.request(), Optional.of(userId));
        pending.put(next.id(), next);
        return next;
    }

    /** Ends the login: it cannot be consented to twice. */
    public boolean finish(Pending p) {
        return pending.asMap().remove(p.id(), p);
    }
}
