package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditAnchor;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Witness;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A witness that appends anchor lines ({@link AnchorLines}) to a file and syncs each one to disk. It only ever
 * appends. Its worth depends on where the file is: on another path than the data directory, in a directory the
 * gateway's attacker cannot write (another user's, an append-only {@code chattr +a} file, a mounted remote file
 * system). A new directory is created owner-only ({@code rwx------}) and a new file {@code rw-------}.
 */
public final class FileWitness implements Witness {
    private final Path file;
    private final FileChannel channel;
    private long lastWritten;

    private FileWitness(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (or creates) the file for appending. A last line left incomplete by a crash is closed with a newline, so
     * the next anchor starts on its own line.
     *
     * @throws AuditException when the file cannot be created or opened
     */
    public static FileWitness open(Path file) {
        Path path = Checks.present(file, "file").toAbsolutePath().normalize();
        try {
            Path dir = path.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                restrict(dir, "rwx------");
            }
            if (!Files.exists(path)) {
                Files.createFile(path);
                restrict(path, "rw-------");
            }
            boolean incomplete = false;
            try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = reader.size();
                if (size > 0) {
                    ByteBuffer last = ByteBuffer.allocate(1);
                    reader.read(last, size - 1);
                    incomplete = last.get(0) != '\n';
                }
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (incomplete) {
                try {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            }
            return new FileWitness(path, channel);
        } catch (IOException | RuntimeException e) {
            throw new AuditException("cannot open the audit witness file " + path + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // the file system's own protection applies
        }
    }

    @Override
    public String name() {
        return "file:" + file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void publish(AuditAnchor anchor) {
        Checks.present(anchor, "anchor");
        if (anchor.sequence() <= lastWritten) {
            return; // holds a newer anchor already, which covers this one
        }
        byte[] line = (AnchorLines.format(anchor) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            lastWritten = anchor.sequence();
        } catch (IOException e) {
            throw new AuditException("cannot append to the audit witness file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing buffered: every anchor was forced to disk when written
        }
    }

    /** Reads a witness file (or an export in the same format); never throws. */
    public static AnchorSet read(Path file) {
        // bytes that are not UTF-8 become U+FFFD: such a line is reported as no anchor, the rest still read
        try (Reader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            return AnchorSet.parse(in, file.toString());
        } catch (IOException | RuntimeException e) {
            return AnchorSet.unreadable(file.toString(), e);
        }
    }
}
