package dev.bulwark.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symlinks swapped in while an operation runs. The deterministic tests swap at a known point (after the check,
 * between the walk and the open); a path-based implementation (check the path, then open it by name) reads or writes
 * outside in every one of them. The last test races a swapping thread against reads.
 */
class SymlinkRaceTest {
    @TempDir
    Path temp;

    @Test
    void aDirectorySwappedForASymlinkAfterTheWalkIsNotFollowed() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Jail.Pause swap = stage -> {
            if (stage.equals("walked")) {
                Files.move(fixture.root.resolve("a"), fixture.root.resolve("a-moved"));
                Files.createSymbolicLink(fixture.root.resolve("a"), fixture.outside);
            }
        };
        try (FilesConnector connector = fixture.connector(swap)) {
            ToolResult result = FileFixture.call(connector, "read", Map.of("root", "work", "path", "a/b.txt"));
            // the open goes through the handle already held; the link-count check, which the JDK only offers by
            // path, then sees another file under the name and refuses: fail closed, never the outside file
            assertThat(result.joinedText()).isEqualTo("refused: the file changed while it was checked");
        }
    }

    @Test
    void aListingWhoseDirectoryIsSwappedAfterTheWalkListsTheHeldDirectory() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Jail.Pause swap = stage -> {
            if (stage.equals("walked")) {
                Files.move(fixture.root.resolve("a"), fixture.root.resolve("a-moved"));
                Files.createSymbolicLink(fixture.root.resolve("a"), fixture.outside);
            }
        };
        try (FilesConnector connector = fixture.connector(swap)) {
            String listing = FileFixture.call(connector, "list", Map.of("root", "work", "path", "a")).joinedText();
            assertThat(listing).contains("\"b.txt\"").contains("\"link-etc\"").doesNotContain("secret.txt")
                    .doesNotContain("hard-target");
        }
    }

    @Test
    void aFileSwappedForASymlinkAfterTheCheckIsRefused() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Jail.Pause swap = stage -> {
            if (stage.equals("checked")) {
                Path file = fixture.root.resolve("a/b.txt");
                Files.delete(file);
                Files.createSymbolicLink(file, fixture.outside.resolve("secret.txt"));
            }
        };
        try (FilesConnector connector = fixture.connector(swap)) {
            ToolResult result = FileFixture.call(connector, "read", Map.of("root", "work", "path", "a/b.txt"));
            assertThat(result.error()).isTrue();
            assertThat(result.joinedText()).contains("symlinks are not followed").doesNotContain(FileFixture.SECRET);
        }
    }

    @Test
    void aWriteWhoseParentIsSwappedForASymlinkStaysInside() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Map<String, String> before = fixture.outsideState();
        Jail.Pause swap = stage -> {
            if (stage.equals("checked")) {
                Files.move(fixture.root.resolve("a"), fixture.root.resolve("a-moved"));
                Files.createSymbolicLink(fixture.root.resolve("a"), fixture.outside);
            }
        };
        try (FilesConnector connector = fixture.connector(swap)) {
            FileFixture.call(connector, "write", Map.of("root", "work", "path", "a/secret.txt", "content",
                    "planted", "overwrite", true));
        }
        assertThat(fixture.outsideState()).isEqualTo(before);
        assertThat(Files.readString(fixture.root.resolve("a-moved/secret.txt"))).isEqualTo("planted");
    }

    @Test
    void readsRacingASwappingThreadNeverLeaveTheRoot() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Path c = fixture.root.resolve("c");
        Path real = fixture.root.resolve("c-real");
        Path link = fixture.root.resolve("c-link");
        Files.createDirectories(real);
        Files.writeString(real.resolve("b.txt"), "inside");
        Files.createSymbolicLink(link, fixture.outside);
        Files.createDirectories(c);
        Files.writeString(c.resolve("b.txt"), "inside");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            Path spare = fixture.root.resolve("c-spare");
            for (int i = 0; i < 200_000 && !stop.get(); i++) {
                try {
                    // atomically replace c by a symlink to outside, then by a real directory again
                    Files.createSymbolicLink(spare, fixture.outside);
                    Files.move(spare, c, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    Files.delete(c);
                    Files.createDirectory(c);
                    Files.writeString(c.resolve("b.txt"), "inside");
                } catch (Exception ignored) {
                    // a failed step simply starts the next round
                }
            }
        });
        AtomicInteger served = new AtomicInteger();
        swapper.start();
        try (FilesConnector connector = fixture.connector(Jail.Pause.NONE)) {
            long end = System.nanoTime() + 1_000_000_000L;
            for (int i = 0; i < 20_000 && System.nanoTime() < end; i++) {
                ToolResult result = FileFixture.call(connector, "read", Map.of("root", "work", "path", "c/b.txt"));
                assertThat(result.joinedText()).doesNotContain(FileFixture.SECRET);
                if (!result.error()) {
                    served.incrementAndGet();
                }
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
        }
        assertThat(served.get()).isPositive();
    }
}
