package dev.bulwark.audit.forward;

import dev.bulwark.audit.AuditRecords;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the audit log and sends every new record to a syslog receiver, at least once: the cursor (the last
 * sequence the receiver acknowledged by a flushed write) is saved to a file after each batch, so a restart resumes
 * where it stopped; a failed batch is sent again on the next round (the receiver may see a record twice, never a gap;
 * a record's sequence and hash let it drop duplicates).
 */
public final class AuditForwarder {
    static final int BATCH = 500;
    private static final System.Logger LOG = System.getLogger(AuditForwarder.class.getName());

    private final AuditRecords records;
    private final SyslogSender sender;
    private final Path cursorFile;
    private final String hostname;
    private final String appName;
    private long cursor;
    private volatile String lastError;

    /**
     * @param cursorFile where the cursor is kept; when it does not exist yet, forwarding starts after {@code start}
     * @param start      the sequence to start after when there is no cursor file (0: every record)
     */
    public AuditForwarder(AuditRecords records, SyslogSender sender, Path cursorFile, long start, String hostname,
                          String appName) {
        this.records = Checks.present(records, "records");
        this.sender = Checks.present(sender, "sender");
        this.cursorFile = Checks.present(cursorFile, "cursorFile");
        this.hostname = hostname;
        this.appName = appName;
        this.cursor = readCursor(cursorFile, start);
    }

    private static long readCursor(Path file, long start) {
        if (!Files.exists(file)) {
            return start;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!text.matches("[0-9]{1,18}")) {
                throw new IllegalStateException("audit forward cursor " + file + " is not a sequence number");
            }
            return Long.parseLong(text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit forward cursor " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last sequence sent. */
    public long cursor() {
        return cursor;
    }

    /** The last failure, or {@code null} after a successful round. */
    public String lastError() {
        return lastError;
    }

    /**
     * Sends the records after the cursor, a batch at a time, until none is left.
     *
     * @return how many were sent
     * @throws IOException when the receiver cannot be reached or the cursor cannot be saved (nothing after the last
     *                     saved cursor counts as sent)
     */
    public long forwardAvailable() throws IOException {
        long sent = 0;
        while (true) {
            List<AuditRecord> batch = records.read(cursor + 1, BATCH);
            if (batch.isEmpty()) {
                lastError = null;
                return sent;
            }
            List<String> messages = new ArrayList<>(batch.size());
            for (AuditRecord record : batch) {
                messages.add(SyslogMessage.format(record, hostname, appName));
            }
            sender.send(messages);
            saveCursor(batch.getLast().sequence());
            sent += batch.size();
        }
    }

    /** One round for a scheduler: failures are logged and retried on the next round. */
    public void round() {
        try {
            forwardAvailable();
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!message.equals(lastError)) {
                LOG.log(System.Logger.Level.ERROR, "AUDIT FORWARD BEHIND: cannot send audit records after sequence "
                        + cursor + " to syslog: " + message);
            }
            lastError = message;
        }
    }

    private void saveCursor(long sequence) throws IOException {
        Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(sequence), StandardCharsets.US_ASCII);
        Files.move(tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        cursor = sequence;
    }

    public void close() {
        sender.close();
    }
}
