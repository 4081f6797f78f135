package dev.bulwark.server.gateway;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit log, also handing each event it stored to a listener. The listener runs after the record is durable and
 * can neither fail nor change the append: whatever it throws is swallowed and counted by {@code failures}.
 */
final class TappedAuditLog implements AuditLog {
    private final AuditLog log;
    private final Consumer<AuditEvent> listener;
    private final Runnable failures;

    TappedAuditLog(AuditLog log, Consumer<AuditEvent> listener, Runnable failures) {
        this.log = log;
        this.listener = listener;
        this.failures = failures;
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        AuditRecord record = log.append(event);
        try {
            listener.accept(event);
        } catch (RuntimeException | StackOverflowError e) {
            failures.run();
        }
        return record;
    }

    @Override
    public List<AuditRecord> tail(int count) {
        return log.tail(count);
    }

    @Override
    public AuditVerification verify() {
        return log.verify();
    }
}
