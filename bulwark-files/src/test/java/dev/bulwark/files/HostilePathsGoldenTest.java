package dev.bulwark.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden table of hostile paths ({@code files/hostile-paths.tsv}): each row, sent to its tool, is refused with the
 * reason named, never returns the outside secret, and leaves the outside directory as it was. In the table,
 * {@code \\uXXXX} and {@code \\n} stand for the characters.
 */
class HostilePathsGoldenTest {
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})|\\\\n");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rows")
    void refusesHostilePath(String tool, String path, String reason) throws Exception {
        FileFixture fixture = new FileFixture(temp);
        Map<String, String> before = fixture.outsideState();
        Map<String, Object> args = new HashMap<>();
        args.put("root", tool.equals("write-readonly") ? "ro" : "work");
        args.put("path", path);
        String name = tool.startsWith("write") ? "write" : tool;
        if (name.equals("write")) {
            args.put("content", "planted");
            args.put("overwrite", tool.equals("write-over"));
        }
        try (FilesConnector connector = fixture.connector(Jail.Pause.NONE)) {
            ToolResult result = FileFixture.call(connector, name, args);
            assertThat(result.error()).as(result.joinedText()).isTrue();
            assertThat(result.joinedText()).contains(reason).doesNotContain(FileFixture.SECRET);
        }
        assertThat(fixture.outsideState()).isEqualTo(before);
    }

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = HostilePathsGoldenTest.class.getClassLoader()
                .getResourceAsStream("files/hostile-paths.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                out.add(Arguments.of(cells[0], unescape(cells[1]), cells[2]));
            }
        }
        assertThat(out).hasSizeGreaterThan(30);
        return out.stream();
    }

    private static String unescape(String text) {
        Matcher m = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "\n" : String.valueOf((char) Integer.parseInt(m.group(1), 16));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
