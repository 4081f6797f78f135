package dev.bulwark.engine.session;

import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.testkit.SessionStoreContract;
import java.time.Duration;

/** The store contract on memory: one process, so a "replica" is the same store. */
class InMemorySessionStoreContractTest extends SessionStoreContract {
    @Override
    protected SessionStore store(Duration ttl, SessionLimits limits) {
        return new InMemorySessionStore(ttl, 1000, clock, limits);
    }

    @Override
    protected SessionStore replica(SessionStore store, Duration ttl, SessionLimits limits) {
        return store;
    }
}
