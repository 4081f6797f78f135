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
 */
public final class PendingLogins {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private final Cache<String, Pending> pending;

    public PendingLogins(int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive");
        }
        pending = Caffeine.newBuilder().maximumSize(maxPending).expireAfterWrite(LIFETIME).build();
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

    public Pending start(AuthorizationRequest request) {
        Pending p = new Pending(OpaqueTokens.random(32), OpaqueTokens.random(32), request, Optional.empty());
        pending.put(p.id(), p);
        return p;
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
