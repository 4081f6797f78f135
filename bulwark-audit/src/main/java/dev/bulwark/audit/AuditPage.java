package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditRecord;
import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a query's answer.
 *
 * @param records the matching records, oldest first
 * @param next    the cursor to ask for the following page with ({@link AuditQuery#after}); empty when the log held
 *                nothing more at the time of reading. A page may hold fewer than the limit and still have a next
 *                cursor: each page examines a bounded number of rows, however wide the time range
 * @param scanned rows examined for this page
 */
public record AuditPage(List<AuditRecord> records, OptionalLong next, long scanned) {
    public AuditPage {
        records = List.copyOf(records);
        if (next == null) {
            throw new IllegalArgumentException("next must be present or empty");
        }
    }
}
