package dev.bulwark.server.mcp;

import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Authenticator;

/**
 * The pipeline's authenticator at the MCP front door. The HTTP gate has already verified this request's credential
 * (signature, expiry, revocation, agent status) a moment earlier on the same request; verifying it a second time
 * would repeat the signature check and three database reads without changing the answer. So, while one call runs on
 * a thread, its gate result stands for exactly that credential; any other credential, or a call outside a request,
 * is verified in full. Revocation still takes effect on the next call, since every call is a new request.
 */
public final class GateVerifiedAuthenticator implements Authenticator {
    private record Verified(String credential, Authentication result) {
    }

    private final Authenticator delegate;
    private final ThreadLocal<Verified> current = new ThreadLocal<>();

    public GateVerifiedAuthenticator(Authenticator delegate) {
        this.delegate = delegate;
    }

    @Override
    public Authentication authenticate(String bearerToken) {
        Verified v = current.get();
        if (v != null && bearerToken != null && bearerToken.equals(v.credential())) {
            return v.result();
        }
        return delegate.authenticate(bearerToken);
    }

    /** Runs {@code call} with the gate's result for {@code credential} standing on this thread. */
    public <T> T during(String credential, Authentication verified, java.util.function.Supplier<T> call) {
        if (credential == null || !(verified instanceof Authentication.Authenticated)) {
            return call.get();
        }
        Verified previous = current.get();
        current.set(new Verified(credential, verified));
        try {
            return call.get();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }
}
