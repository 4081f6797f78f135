package dev.bulwark.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO swapped in for a file between the type check and the open (the JDK has no {@code O_NONBLOCK} and no
 * {@code fstat}, so the check cannot be made on the opened file). Opening a FIFO for reading blocks until a writer
 * appears: without a bound, one such swap held the calling gateway thread, and the directory handle, forever. The
 * preemptive timeout only ends a hang; what is asserted is the refusal and that the next read is served.
 */
class FifoSwapTest {
    @TempDir
    Path temp;

    @Test
    void aFifoSwappedInAfterTheCheckIsRefusedAndDoesNotHoldTheCall() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Path file = fixture.root.resolve("a/b.txt");
        Jail.Pause swap = stage -> {
            if (stage.equals("checked") && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
                mkfifo(file);
            }
        };
        try (FilesConnector connector = fixture.connector(swap)) {
            ToolResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    FileFixture.call(connector, "read", Map.of("root", "work", "path", "a/b.txt")));
            assertThat(result.error()).isTrue();
            assertThat(result.joinedText()).startsWith("refused: ").contains("regular file");
            // the FIFO was given a writer, so the blocked open returned and its thread ended
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (openingThreadsAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(openingThreadsAlive()).as("a thread still blocked opening the FIFO").isFalse();
            // the same connector still serves other files afterwards
            Files.writeString(fixture.root.resolve("after.txt"), "still served");
            ToolResult next = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    FileFixture.call(connector, "read", Map.of("root", "work", "path", "after.txt")));
            assertThat(next.joinedText()).contains("still served");
        }
    }

    @Test
    void aFifoInTheRootIsRefusedWithoutOpeningIt() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        mkfifo(fixture.root.resolve("sub/pipe"));
        try (FilesConnector connector = fixture.connector(Jail.Pause.NONE)) {
            ToolResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    FileFixture.call(connector, "read", Map.of("root", "work", "path", "sub/pipe")));
            assertThat(result.joinedText()).isEqualTo("refused: not a regular file: pipe");
            String listing = FileFixture.call(connector, "list", Map.of("root", "work", "path", "sub")).joinedText();
            assertThat(listing).contains("\"pipe\"").contains("\"other\"");
        }
    }

    private static boolean openingThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("bulwark-files-"));
    }

    static void mkfifo(Path path) throws java.io.IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new java.io.IOException("mkfifo failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException(e);
        }
    }
}
