package dev.bulwark.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opening a checked file for reading within a bound, so that a FIFO swapped in cannot hold the caller. */
final class BoundedOpen {
    /** Longest wait for a checked file to open for reading; a regular file opens at once. */
    static final Duration OPEN_WAIT = Duration.ofSeconds(3);

    private BoundedOpen() {}

    /**
     * Opens a checked file for reading, waiting at most {@link #OPEN_WAIT}. Only a FIFO (or a device) blocks an open
     * for reading, and one can be swapped in after the type check (the JDK has no {@code O_NONBLOCK}): unbounded, that
     * held the calling thread forever. The open runs on a thread and a handle of its own (the JDK holds a handle's lock
     * for the whole open, so a blocked open on {@code dir} would also block closing it); past the wait the file is
     * refused, and the FIFO is given a writer so the blocked open returns and its thread ends.
     */
    static SeekableByteChannel forReading(SecureDirectoryStream<Path> dir, Path name)
            throws FileRefusedException, IOException {
        SecureDirectoryStream<Path> opener = dir.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS);
        SecureDirectoryStream<Path> unblocker;
        try {
            unblocker = dir.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            opener.close();
            throw e;
        }
        CompletableFuture<SeekableByteChannel> opening = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("bulwark-files-open").start(() -> {
            try (opener) {
                opening.complete(Jail.open(opener, name, Set.of(StandardOpenOption.READ)));
            } catch (Throwable t) {
                opening.completeExceptionally(t);
            }
        });
        try {
            SeekableByteChannel channel = opening.get(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            unblocker.close();
            return channel;
        } catch (TimeoutException e) {
            opening.whenComplete((channel, failure) -> closeQuietly(channel));
            unblock(unblocker, name);
            throw new FileRefusedException("the file did not open within " + OPEN_WAIT.toSeconds()
                    + " s: not a regular file (a FIFO swapped in after the check?)");
        } catch (ExecutionException e) {
            unblocker.close();
            switch (e.getCause()) {
                case FileRefusedException refused -> throw refused;
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        } catch (InterruptedException e) {
            opening.whenComplete((channel, failure) -> closeQuietly(channel));
            unblock(unblocker, name);
            Thread.currentThread().interrupt();
            throw new FileRefusedException("interrupted while opening the file");
        }
    }

    /** Gives a FIFO whose open for reading is blocked a writer, on a thread that closes {@code handle} after. */
    private static void unblock(SecureDirectoryStream<Path> handle, Path name) {
        Thread.ofPlatform().daemon().name("bulwark-files-unblock").start(() -> {
            // opens without O_CREAT or O_TRUNC and writes nothing: a FIFO's reader then sees its end
            try (handle; SeekableByteChannel writer = handle.newByteChannel(name,
                    Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
                writer.position();
            } catch (IOException | RuntimeException ignored) {
                // nothing to unblock, or not ours to open: the refusal stands either way
            }
        });
    }

    private static void closeQuietly(SeekableByteChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a channel nobody reads; closing it is housekeeping
            }
        }
    }
}
