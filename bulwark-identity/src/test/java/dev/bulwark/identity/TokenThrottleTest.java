package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final TokenThrottle.Settings settings = new TokenThrottle.Settings(Duration.ofMinutes(5), 5, 20, 20, 1000);
    final TokenThrottle throttle = new TokenThrottle(settings, clock);
    static final Optional<String> BOT = Optional.of("support-bot");

    private boolean proceeds(Optional<String> client, String source) {
        return throttle.check(client, source) instanceof TokenThrottle.Verdict.Proceed;
    }

    /** What a guessing attacker does: check, then fail, as long as the endpoint lets it try. */
    private int attemptsAllowed(Optional<String> client, String source, int tries) {
        int allowed = 0;
        for (int i = 0; i < tries; i++) {
            if (proceeds(client, source)) {
                allowed++;
                throttle.recordFailure(client, source);
            }
        }
        return allowed;
    }

    @Test
    void aGuessingAttackerFromOneAddressGetsFiveTriesPerWindowThenWaits() {
        assertThat(attemptsAllowed(BOT, "203.0.113.7", 300)).isEqualTo(5);

        TokenThrottle.Verdict v = throttle.check(BOT, "203.0.113.7");
        assertThat(v).isInstanceOfSatisfying(TokenThrottle.Verdict.Throttled.class, t -> {
            assertThat(t.scope()).isEqualTo("client+source");
            assertThat(t.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1));
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(attemptsAllowed(BOT, "203.0.113.7", 300)).isEqualTo(1);
    }

    @Test
    void theRealAgentAtItsOwnAddressIsServedWhileItsIdIsHammeredFromElsewhere() {
        // Distributed attack: many addresses, each spending its per-pair allowance on the agent's id.
        int attackerTries = 0;
        for (int host = 1; host <= 50; host++) {
            attackerTries += attemptsAllowed(BOT, "198.51.100." + host, 10);
        }
        // The per-client bucket emptied after 20 failures: later addresses got one try each, not five.
        assertThat(attackerTries).isEqualTo(4 * 5 + 46);

        assertThat(proceeds(BOT, "192.0.2.10")).as("the agent, from its own address, with no failures there").isTrue();
        assertThat(proceeds(BOT, "198.51.100.1")).as("an address that failed for this client").isFalse();
        assertThat(proceeds(Optional.of("other-bot"), "198.51.100.50")).isTrue();
    }

    @Test
    void anAddressGuessingManyClientIdsIsStoppedByItsSourceBucket() {
        int allowed = 0;
        for (int i = 0; i < 200; i++) {
            allowed += attemptsAllowed(Optional.of("agent-" + i), "203.0.113.9", 1);
        }
        assertThat(allowed).isEqualTo(20);
        assertThat(throttle.check(Optional.of("agent-999"), "203.0.113.9"))
                .isInstanceOfSatisfying(TokenThrottle.Verdict.Throttled.class,
                        t -> assertThat(t.scope()).isEqualTo("source"));
        assertThat(proceeds(Optional.empty(), "203.0.113.9")).as("no client id: the source bucket still holds")
                .isFalse();
    }

    @Test
    void successesAreNeverCountedAndABucketRefillsWithinItsWindow() {
        for (int i = 0; i < 1000; i++) {
            assertThat(proceeds(BOT, "192.0.2.10")).isTrue();
        }
        attemptsAllowed(BOT, "192.0.2.10", 5);
        assertThat(proceeds(BOT, "192.0.2.10")).isFalse();

        clock.advance(Duration.ofMinutes(5));

        assertThat(attemptsAllowed(BOT, "192.0.2.10", 100)).isEqualTo(5);
    }

    @Test
    void throttledAttemptsAreCountedForOneAggregateRecordPerKey() {
        attemptsAllowed(BOT, "203.0.113.7", 5);
        int firsts = 0;
        for (int i = 0; i < 295; i++) {
            if (throttle.check(BOT, "203.0.113.7") instanceof TokenThrottle.Verdict.Throttled t && t.first()) {
                firsts++;
            }
        }

        assertThat(firsts).isEqualTo(1);
        assertThat(throttle.drainThrottled()).containsExactly(
                java.util.Map.entry("client+source: client support-bot from 203.0.113.7", 295L));
        assertThat(throttle.drainThrottled()).isEmpty();
        assertThat(throttle.check(BOT, "203.0.113.7")).isInstanceOfSatisfying(
                TokenThrottle.Verdict.Throttled.class, t -> assertThat(t.first()).isTrue());
    }

    @Test
    void memoryIsBoundedWhateverKeysAnAttackerSends() {
        TokenThrottle small = new TokenThrottle(new TokenThrottle.Settings(Duration.ofMinutes(5), 5, 1_000_000,
                1_000_000, 100), clock);
        for (int i = 0; i < 20_000; i++) {
            small.recordFailure(Optional.of("id-" + i), "203.0.113." + (i % 250));
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff::1, 2001:db8:1:2::/64",
            "[2001:db8:1:2::9], 2001:db8:1:2::/64",
            "'', unknown"})
    void keysIpv6SourcesByTheirSlash64(String address, String key) {
        assertThat(TokenThrottle.sourceKey(address)).isEqualTo(key);
    }

    @Test
    void refusesNonsenseSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TokenThrottle.Settings(Duration.ZERO, 5, 5, 5,
                1000)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TokenThrottle.Settings(Duration.ofMinutes(1), 0,
                5, 5, 1000)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TokenThrottle.Settings(Duration.ofMinutes(1), 5,
                5, 5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
