package dev.bulwark.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesConnectorTest {
    @TempDir
    Path temp;

    @Test
    void offersReadAndListAsReadAndWriteAsWrite() throws Exception {
        try (FilesConnector connector = new FileFixture(temp).connector(Jail.Pause.NONE)) {
            assertThat(connector.tools()).extracting(t -> t.name() + ":" + t.kind())
                    .containsExactly("fs.read:" + ToolKind.READ, "fs.list:" + ToolKind.READ,
                            "fs.write:" + ToolKind.WRITE);
            assertThat(connector.tools().getFirst().outputLabels()).containsExactlyInAnyOrder("untrusted", "internal");
        }
    }

    @Test
    void readsAFileWithItsRootsLabels() throws Exception {
        try (FilesConnector connector = new FileFixture(temp).connector(Jail.Pause.NONE)) {
            ToolResult result = FileFixture.call(connector, "read", Map.of("root", "work", "path", "a/b.txt"));
            assertThat(result.error()).isFalse();
            assertThat(result.joinedText()).contains("\"content\":\"inside\"").contains("\"truncated\":false");
            assertThat(result.labels()).containsExactly("untrusted");
        }
    }

    @Test
    void listsWithoutFollowingSymlinks() throws Exception {
        try (FilesConnector connector = new FileFixture(temp).connector(Jail.Pause.NONE)) {
            String listing = FileFixture.call(connector, "list", Map.of("root", "work")).joinedText();
            assertThat(listing).contains("{\"name\":\"link-out\",\"type\":\"symlink\",\"size\":0}")
                    .contains("{\"name\":\"a\",\"type\":\"directory\",\"size\":0}").contains("\"total\":6");
        }
    }

    @Test
    void writesNewFilesAndReplacesOnlyWhenAsked() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        try (FilesConnector connector = fixture.connector(Jail.Pause.NONE)) {
            assertThat(FileFixture.call(connector, "write", Map.of("root", "work", "path", "a/new.txt",
                    "content", "one")).error()).isFalse();
            assertThat(FileFixture.call(connector, "write", Map.of("root", "work", "path", "a/new.txt",
                    "content", "two")).joinedText()).contains("the file exists");
            assertThat(FileFixture.call(connector, "write", Map.of("root", "work", "path", "a/new.txt",
                    "content", "two", "overwrite", true)).error()).isFalse();
        }
        assertThat(Files.readString(fixture.root.resolve("a/new.txt"))).isEqualTo("two");
        try (var left = Files.list(fixture.root.resolve("a"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b.txt", "link-etc",
                    "new.txt");
        }
    }

    @Test
    void cutsOffLargeFilesAtTheLimitOnACharacterBoundary() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Files.writeString(fixture.root.resolve("big.txt"), "é".repeat(2000)); // 4000 bytes, limit 1024
        try (FilesConnector connector = fixture.connector(Jail.Pause.NONE)) {
            String text = FileFixture.call(connector, "read", Map.of("root", "work", "path", "big.txt"))
                    .joinedText();
            assertThat(text).contains("\"truncated\":true").contains("é".repeat(512)).doesNotContain("é".repeat(513));
        }
    }

    @Test
    void refusesWritesLargerThanTheLimitAndBinaryReads() throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Files.write(fixture.root.resolve("bin.dat"), new byte[] {1, 0, 2});
        try (FilesConnector connector = fixture.connector(Jail.Pause.NONE)) {
            assertThat(FileFixture.call(connector, "write", Map.of("root", "work", "path", "x.txt",
                    "content", "x".repeat(2000))).joinedText()).contains("larger than 1024");
            assertThat(FileFixture.call(connector, "read", Map.of("root", "work", "path", "bin.dat"))
                    .joinedText()).contains("binary");
            assertThat(FileFixture.call(connector, "read", Map.of("root", "nope", "path", "a/b.txt"))
                    .joinedText()).contains("unknown root");
        }
    }

    @Test
    void wholeCharactersDropsASplitLastCharacter() {
        byte[] euro = "a€".getBytes(java.nio.charset.StandardCharsets.UTF_8); // 61 e2 82 ac
        assertThat(FilesConnector.wholeCharacters(java.util.Arrays.copyOf(euro, 3))).containsExactly(0x61);
        assertThat(FilesConnector.wholeCharacters(euro)).hasSize(4);
    }
}
