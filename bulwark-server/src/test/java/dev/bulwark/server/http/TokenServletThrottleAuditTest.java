package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.identity.TokenThrottle;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Throttled attempts reach the audit log as one record per key and flush, carrying the count. */
class TokenServletThrottleAuditTest {
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final List<AuditEvent> events = new ArrayList<>();
    final AuditLog log = new AuditLog() {
        @Override
        public AuditRecord append(AuditEvent event) {
            events.add(event);
            return new AuditRecord(events.size(), event, "p", "h");
        }

        @Override
        public List<AuditRecord> tail(int count) {
            return List.of();
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aFlushWritesOneRecordPerThrottledKeyWithTheNumberOfAttempts() {
        TokenThrottle throttle = new TokenThrottle(TokenThrottle.Settings.DEFAULTS, clock);
        TokenServlet servlet = new TokenServlet(null, throttle, new GateAudit(log, clock,
                new dev.bulwark.engine.redaction.KeyPatternRedactor()));
        Optional<String> bot = Optional.of("support-bot");
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure(bot, "203.0.113.7");
        }
        for (int i = 0; i < 295; i++) {
            throttle.check(bot, "203.0.113.7");
        }

        servlet.flushThrottled();
        servlet.flushThrottled();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("token.throttled");
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(e.details()).containsEntry("attempts", 295L)
                    .containsEntry("key", "client+source: client support-bot from 203.0.113.7");
        });
    }
}
