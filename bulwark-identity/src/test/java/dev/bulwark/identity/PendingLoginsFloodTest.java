package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team round 2: starting a login costs one unthrottled GET, and logins in progress are held in a bounded map. A
 * flood of started logins from one place must not push out other people's logins in progress (before, 20,000 starts
 * evicted a user's login from a map of 1,000, so their next form "had expired").
 */
class PendingLoginsFloodTest {
    @TempDir
    Path dir;
    AuthorizationRequest request;

    @BeforeEach
    void setUp() {
        CodeFlowFixture x = new CodeFlowFixture(dir);
        request = ((AuthorizationRequest.Outcome.Valid) x.flow.check(x.authorizeParams())).request();
    }

    @Test
    void aFloodOfStartedLoginsFromOneSourceDoesNotPushOutAnotherUsersLoginInProgress() throws Exception {
        PendingLogins logins = new PendingLogins(1_000);
        PendingLogins.Pending mine = logins.start(request, "192.0.2.10").orElseThrow();
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            refused += logins.start(request, "198.51.100.7").isEmpty() ? 1 : 0;
        }
        Thread.sleep(300); // the cache's maintenance runs on another thread
        assertThat(logins.find(mine.id(), mine.csrf())).isPresent();
        assertThat(refused).isEqualTo(20_000 - PendingLogins.MAX_PER_SOURCE);
        assertThat(logins.start(request, "192.0.2.11")).as("another source may still start").isPresent();
    }

    @Test
    void manySourcesFillingTheMapGetNewLoginsRefusedRatherThanEvictingThoseInProgress() throws Exception {
        PendingLogins logins = new PendingLogins(100);
        PendingLogins.Pending mine = logins.start(request, "192.0.2.10").orElseThrow();
        for (int i = 0; i < 1_000; i++) {
            logins.start(request, "10.0." + (i / 250) + "." + (i % 250));
        }
        Thread.sleep(300);
        assertThat(logins.find(mine.id(), mine.csrf())).isPresent();
        assertThat(logins.start(request, "192.0.2.12")).isEqualTo(Optional.empty());
    }

    @Test
    void aFinishedLoginFreesItsSourcesPlace() {
        PendingLogins logins = new PendingLogins(1_000);
        PendingLogins.Pending last = null;
        for (int i = 0; i < PendingLogins.MAX_PER_SOURCE; i++) {
            last = logins.start(request, "192.0.2.10").orElseThrow();
        }
        assertThat(logins.start(request, "192.0.2.10")).isEmpty();
        assertThat(logins.finish(last)).isTrue();
        assertThat(logins.start(request, "192.0.2.10")).isPresent();
    }
}
