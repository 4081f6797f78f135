package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.identity.TokenRequest;
import dev.bulwark.identity.TokenResponse;
import dev.bulwark.server.config.ApprovalsSettings;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.identity.AgentStatus;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end in a real headless Chromium against a real gateway (one browser and one gateway for the
 * class): sign-in, the approval queue releasing a held call, suspension and the kill switch refusing the agent's next
 * call, CSRF, CSP, and hostile text in tool arguments and agent fields shown as text, never run.
 */
class ConsoleBrowserTest {
    /** Script in markup: it must show up as text and never run. */
    static final String XSS = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static Gateway gateway;
    static WebDriver browser;
    static WebDriverWait wait;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        BulwarkConfig base = BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0);
        gateway = Gateway.start(new BulwarkConfig(base.dataDir(), base.server(), base.database(), base.identity(),
                base.policies(), base.audit(), base.demo(), base.upstreams(), base.documents(), base.guards(),
                base.sql(), new ApprovalsSettings(true, null, "25s", List.of(), List.of())));
        admin = Files.readString(data.resolve(AdminToken.FIRST_START_FILE)).trim();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String url(String path) {
        return gateway.baseUrl() + path;
    }

    /** A fresh browser session on the sign-in form. */
    private static void signedOut() {
        browser.get(url("/console/"));
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("credential")));
    }

    /** Signs in with the keyboard: type the credential, press Enter. */
    private static void signIn(String credential) {
        signedOut();
        browser.findElement(By.id("credential")).sendKeys(credential, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who")));
    }

    private static void open(String page) {
        browser.get(url("/console/#/" + page));
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), title(page)));
    }

    private static String title(String page) {
        return switch (page) {
            case "activity" -> "Live activity";
            case "approvals" -> "Approval queue";
            case "audit" -> "Audit explorer";
            case "agents" -> "Agents";
            case "policies" -> "Policies";
            case "what-if" -> "Policy what-if";
            case "anomalies" -> "Anomalies";
            case "metrics" -> "Metrics";
            default -> throw new IllegalArgumentException(page);
        };
    }

    /** Clicks what the locator finds, again if a refresh replaced it meanwhile. */
    private static void click(By by) {
        wait.until(d -> {
            try {
                d.findElement(by).click();
                return true;
            } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** No injected markup ran or became an element. */
    private static void assertNoScriptRan() {
        assertThat(js("return window.__xss === undefined")).as("injected script ran").isEqualTo(true);
        assertThat(js("return document.querySelectorAll('img').length")).as("injected img element").isEqualTo(0L);
    }

    private static String register(String id, String owner, Set<String> roles) {
        return gateway.identity().agents().register(id, owner, roles, Map.of()).apiKey().value();
    }

    @Test
    void signInWithoutOrWithAWrongCredentialIsRefused() throws Exception {
        signedOut();
        HeadlessChromium.screenshot(browser, "login");
        browser.findElement(By.id("login-submit")).click();
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Enter an approver key");
        browser.findElement(By.id("credential")).sendKeys("bwa_nobody_" + "x".repeat(43), Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "Sign-in refused"));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.manage().getCookies()).isEmpty();

        HttpResponse<String> empty = post("/console/session", "{\"credential\":\"\"}", Map.of());
        assertThat(empty.statusCode()).isEqualTo(401);
        assertThat(empty.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> agentKey = post("/console/session", "{\"credential\":\""
                + register("key-holder", "ops", Set.of("support")) + "\"}", Map.of());
        assertThat(agentKey.statusCode()).as("an agent's API key is no human credential").isEqualTo(401);
        assertThat(get("/console/api/v1/agents", Map.of()).statusCode()).as("no session").isEqualTo(401);
    }

    @Test
    void anApproverApprovesAPausedCallAndTheAgentsCallCompletes() throws Exception {
        String agentKey = register("admin-bot", "olga", Set.of("admin-agent"));
        gateway.identity().users().register("carol", Set.of("approver"), Map.of());
        String carol = gateway.approvals().desk().issueKey("carol");
        try (McpSyncClient client = TestGateways.client(gateway, TestGateways.token(gateway, "admin-bot", agentKey),
                null)) {
            CompletableFuture<McpSchema.CallToolResult> call = new CompletableFuture<>();
            Thread agent = new Thread(() -> {
                try {
                    call.complete(client.callTool(new McpSchema.CallToolRequest("crm.update_customer_note",
                            Map.of("id", 1, "note", "call back " + XSS), Map.of("progressToken", "console-test"))));
                } catch (RuntimeException e) {
                    call.completeExceptionally(e);
                }
            }, "held-agent-call");
            agent.start();
            signIn(carol);
            assertThat(browser.findElement(By.id("who-name")).getText()).isEqualTo("carol (approver)");
            assertThat(browser.findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
                    .as("an approver sees the approval queue only").containsExactly("Approval queue");
            By card = By.cssSelector("article[data-approval]");
            wait.until(d -> {
                d.findElements(By.id("approvals-refresh")).forEach(WebElement::click);
                return !d.findElements(card).isEmpty();
            });
            WebElement request = browser.findElement(card);
            assertThat(request.getText()).contains("crm.update_customer_note").contains("admin-bot")
                    .contains("<img src=x onerror=").contains("<script>window.__xss=2</script>")
                    .as("the injected markup is shown as text");
            assertThat(request.getText()).contains("Where each argument came from");
            assertThat(browser.findElements(By.cssSelector("article[data-approval] .flow td code")))
                    .extracting(WebElement::getText).as("flow facts per argument").contains("note");
            assertNoScriptRan();
            HeadlessChromium.screenshot(browser, "approvals");
            assertThat(call).as("the agent's call is held while it waits for a human").isNotDone();

            click(By.cssSelector("article[data-approval] button.approve"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "Approved: state is now approved"));
            McpSchema.CallToolResult result;
            try {
                result = call.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the held call did not complete; audit: " + gateway.auditLog().tail(8)
                        .stream().map(r -> r.event().action() + " " + r.event().outcome() + " " + r.event().reason()
                                + " " + r.event().details()).toList(), e);
            }
            assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
            assertNoScriptRan();
        }
    }

    @Test
    void anAdminSuspendsAnAgentAndItsNextCallIsRefused() throws Exception {
        String key = gateway.identity().agents().register("field-bot", XSS, Set.of("support"),
                Map.of("note", XSS)).apiKey().value();
        try (McpSyncClient client = TestGateways.client(gateway, TestGateways.token(gateway, "field-bot", key),
                null)) {
            assertThat(client.listTools().tools()).isNotEmpty();
            signIn(admin);
            open("agents");
            By row = By.xpath("//tr[td/code[text()='field-bot']]");
            wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(browser.findElement(row).getText()).as("owner shown as text").contains(XSS);
            assertNoScriptRan();
            HeadlessChromium.screenshot(browser, "agents");
            click(By.xpath("//tr[td/code[text()='field-bot']]//button[text()='Suspend']"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents-result"),
                    "field-bot is now suspended"));
            assertThatThrownBy(client::listTools).as("the suspended agent's next call is refused");
        }
        assertThat(gateway.identity().agents().find("field-bot").orElseThrow().status())
                .isEqualTo(AgentStatus.SUSPENDED);
    }

    @Test
    void theKillSwitchSuspendsTheAgentAndEndsItsApiKey() {
        String key = register("rogue-bot", "ops", Set.of("support"));
        McpSyncClient rogue = TestGateways.client(gateway, TestGateways.token(gateway, "rogue-bot", key), null);
        assertThat(rogue.listTools().tools()).isNotEmpty();
        signIn(admin);
        open("agents");
        click(By.xpath("//tr[td/code[text()='rogue-bot']]//button[text()='Kill switch']"));
        WebElement confirm = browser.findElement(By.xpath("//button[text()='Confirm: kill rogue-bot']"));
        assertThat(browser.switchTo().activeElement()).as("focus moves to the confirmation").isEqualTo(confirm);
        confirm.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents-result"),
                "Kill switch: rogue-bot is suspended"));
        assertThat(gateway.identity().agents().find("rogue-bot").orElseThrow().status())
                .isEqualTo(AgentStatus.SUSPENDED);
        TokenResponse token = gateway.identity().tokens().handle(TokenRequest.of(Map.of("grant_type",
                "client_credentials", "client_id", "rogue-bot", "client_secret", key), Optional.empty()));
        assertThat(token).as("the old API key obtains no token").isNotInstanceOf(TokenResponse.Issued.class);
        try (rogue) {
            assertThatThrownBy(rogue::listTools).as("the token it already held is refused");
        }
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        register("csrf-bot", "ops", Set.of("support"));
        signIn(admin);
        String fetch = "const done = arguments[arguments.length - 1];"
                + "fetch('/console/api/v1/agents/csrf-bot/suspend', {method: 'POST', credentials: 'same-origin',"
                + " headers: arguments[0]}).then(r => done(r.status), e => done(String(e)));";
        Object missing = ((JavascriptExecutor) browser).executeAsyncScript(fetch, Map.of());
        Object wrong = ((JavascriptExecutor) browser).executeAsyncScript(fetch, Map.of("X-CSRF-Token", "forged"));
        assertThat(List.of(missing, wrong)).containsExactly(403L, 403L);
        assertThat(gateway.identity().agents().find("csrf-bot").orElseThrow().status()).isEqualTo(AgentStatus.ACTIVE);

        // the same request with the session's token goes through: it is the token that was missing
        HttpResponse<String> login = post("/console/session", "{\"credential\":\"" + admin + "\"}", Map.of());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = JSON.readTree(login.body()).get("csrfToken").asText();
        assertThat(post("/console/api/v1/agents/csrf-bot/suspend", "", Map.of("Cookie", cookie)).statusCode())
                .isEqualTo(403);
        assertThat(post("/console/api/v1/agents/csrf-bot/suspend", "", Map.of("Cookie", cookie, "X-CSRF-Token",
                csrf, "Origin", "https://evil.example")).statusCode()).as("from another origin").isEqualTo(403);
        assertThat(gateway.identity().agents().find("csrf-bot").orElseThrow().status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(post("/console/api/v1/agents/csrf-bot/suspend", "", Map.of("Cookie", cookie, "X-CSRF-Token",
                csrf)).statusCode()).isEqualTo(200);
        assertThat(gateway.identity().agents().find("csrf-bot").orElseThrow().status())
                .isEqualTo(AgentStatus.SUSPENDED);
    }

    @Test
    void everyConsoleResponseCarriesAStrictContentSecurityPolicyAndTheCookieIsHttpOnlyAndStrict() throws Exception {
        for (String path : List.of("/console/", "/console/static/app.js", "/console/session", "/console/nope")) {
            HttpResponse<String> r = get(path, Map.of());
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("default-src 'self'").contains("script-src 'self'")
                    .contains("style-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
        String page = get("/console/", Map.of()).body();
        assertThat(page).as("no inline script").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(page).as("no inline style").doesNotContain("style=").doesNotContain("<style");
        assertThat(page).doesNotContain(admin);
        HttpResponse<String> login = post("/console/session", "{\"credential\":\"" + admin + "\"}", Map.of());
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/").doesNotContain(admin);
        assertThat(login.body()).doesNotContain(admin);
    }

    @Test
    void theAdminSeesEveryPageAndEveryFieldHasALabel() {
        String key = gateway.identity().agents().register("demo-caller", "ops", Set.of("support"),
                Map.of("regions", "EMEA,NA")).apiKey().value();
        try (McpSyncClient agent = TestGateways.client(gateway, TestGateways.token(gateway, "demo-caller", key),
                null)) {
            assertThat(agent.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", 1))).isError())
                    .isFalse();
            assertThat(agent.callTool(new McpSchema.CallToolRequest("crm.delete_customer", Map.of("id", 1)))
                    .isError()).as("forbidden for everyone").isTrue();
        }
        signIn(admin);
        for (String page : List.of("activity", "audit", "policies", "what-if", "anomalies", "metrics", "approvals",
                "agents")) {
            open(page);
            wait.until(d -> !d.findElement(By.cssSelector(".page")).getText().isBlank());
            assertThat(js("return [...document.querySelectorAll('input, select, textarea')]"
                    + ".filter(e => e.labels.length === 0).map(e => e.id)")).as(page + ": unlabelled fields")
                    .isEqualTo(List.of());
            assertThat(js("return document.querySelectorAll('[onclick], [style]').length")).isEqualTo(0L);
        }
        open("activity");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity-table"), "crm.delete_customer"));
        HeadlessChromium.screenshot(browser, "activity");
        open("audit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-verification"), "Chain intact"));
        assertThat(browser.findElement(By.id("audit-verification")).getText()).contains("audit-anchors.jsonl");
        HeadlessChromium.screenshot(browser, "audit");
        // the audit query API (GET /api/v1/audit/query) filters on the server
        browser.findElement(By.id("audit-agent")).sendKeys("demo-caller", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-records"), "crm.delete_customer"));
        assertThat(browser.findElement(By.id("audit-note")).getText()).doesNotContain("not available");
        browser.findElement(By.id("audit-filter")).sendKeys("crm.delete_customer");
        assertThat(browser.findElements(By.cssSelector("#audit-records tbody tr"))).hasSize(1);
        browser.findElement(By.id("audit-filter")).clear();
        open("policies");
        click(By.id("policies-validate"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policies-result"), "Valid:"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".policy-file pre")));
        HeadlessChromium.screenshot(browser, "policies");
        open("anomalies");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("anomalies-list"), "No anomalies."));
        open("what-if");
        click(By.id("whatif-current"));
        wait.until(d -> d.findElement(By.id("whatif-policies")).getDomProperty("value")
                .contains("@id(\"crm-admin-write\")"));
        click(By.cssSelector("#page-what-if button[type=submit]"));
        // the policies in force, replayed against their own decisions, change nothing
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whatif-result"), "Replayed:"));
        assertThat(browser.findElement(By.id("whatif-result")).getText())
                .contains("No recorded decision would change.");
    }

    @Test
    void theWhatIfReportShowsHostileRecordedValuesAsText() {
        signIn(admin);
        open("what-if");
        Object rendered = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "import('/console/static/pages/whatif.js').then(m => {"
                + "  const node = m.report({scanned: 3, replayed: 3, unchanged: 2, changesTotal: 1, changes: [{"
                + "    sequence: 7, time: '2026-01-01T00:00:00Z', agent: arguments[0], tool: arguments[0],"
                + "    change: 'allow -> deny', before: {effect: 'allow', policies: ['p1']},"
                + "    after: {effect: 'deny', policies: [arguments[0]], reason: arguments[0]}}]});"
                + "  document.getElementById('whatif-result').replaceChildren(node);"
                + "  done(document.getElementById('whatif-result').textContent);"
                + "}, e => done('error ' + e));", XSS);
        assertThat(String.valueOf(rendered)).contains("Replayed: scanned 3").contains(XSS);
        assertNoScriptRan();
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
