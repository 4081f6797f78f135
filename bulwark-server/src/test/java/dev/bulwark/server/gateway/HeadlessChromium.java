package dev.bulwark.server.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven by Selenium through Debian's {@code chromium} and {@code chromium-driver} (found on
 * the PATH; no download). Missing in CI ({@code CI} or {@code BULWARK_REQUIRE_BROWSER=1} set) is a failure with a
 * clear message; elsewhere the tests are skipped with that message.
 */
final class HeadlessChromium {
    static final String MISSING = "the console's browser tests need Chromium and its driver: apt-get install -y"
            + " chromium chromium-driver";

    private HeadlessChromium() {}

    static WebDriver start() {
        String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/bin";
        Path browser = onPath(path, List.of("chromium", "chromium-browser", "google-chrome"));
        Path driver = onPath(path, List.of("chromedriver"));
        requireOrSkip(browser, driver, required());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return chrome;
    }

    /** Fails (required) or skips the calling tests, with the install command, when either binary is missing. */
    static void requireOrSkip(Path browser, Path driver, boolean required) {
        if (browser != null && driver != null) {
            return;
        }
        if (required) {
            throw new AssertionError(MISSING + " (required here: CI or BULWARK_REQUIRE_BROWSER is set)");
        }
        Assumptions.abort("skipped: " + MISSING + " (not installed on this machine)");
    }

    static boolean required() {
        return System.getenv("CI") != null || "1".equals(System.getenv("BULWARK_REQUIRE_BROWSER"));
    }

    /** Writes a PNG of the page to {@code bulwark.console.screenshots} (default target/console-screenshots). */
    static void screenshot(WebDriver driver, String name) {
        try {
            Path dir = Path.of(System.getProperty("bulwark.console.screenshots", "target/console-screenshots"));
            Files.createDirectories(dir);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write screenshot " + name, e);
        }
    }

    static Path onPath(String path, List<String> names) {
        for (String name : names) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
