package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The browser tests fail closed in CI when Chromium is missing, and skip with the reason elsewhere. */
class HeadlessChromiumTest {
    @TempDir
    Path bin;

    @Test
    void aMissingBrowserFailsWhereItIsRequiredAndSkipsWithTheReasonElsewhere() {
        Path browser = HeadlessChromium.onPath(bin.toString(), List.of("chromium"));
        assertThat(browser).isNull();
        assertThatThrownBy(() -> HeadlessChromium.requireOrSkip(null, bin.resolve("chromedriver"), true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("apt-get install -y chromium chromium-driver")
                .hasMessageContaining("required here");
        assertThatThrownBy(() -> HeadlessChromium.requireOrSkip(bin.resolve("chromium"), null, false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("skipped")
                .hasMessageContaining("chromium-driver");
    }

    @Test
    void findsExecutablesOnThePathOnly() throws Exception {
        Path exe = Files.createFile(bin.resolve("chromedriver"));
        assertThat(HeadlessChromium.onPath(bin.toString(), List.of("chromedriver"))).as("not executable").isNull();
        assertThat(exe.toFile().setExecutable(true)).isTrue();
        assertThat(HeadlessChromium.onPath("/nonexistent" + java.io.File.pathSeparator + bin, List.of("chromedriver")))
                .isEqualTo(exe);
    }
}
