package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.data.sql.SqlConnector;
import dev.bulwark.data.sql.SqlConnectorConfig;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.server.config.SqlSettings;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Side doors: tools of a reader connector are served through row security as bound, or not at all. */
class GovernedReaderTest {
    @TempDir
    Path dir;
    private SqlConnector ledger;
    private final List<String> innerCalls = new ArrayList<>();

    private static final String YAML = """
            sql:
              - name: ledger
                url: jdbc:sqlite:%s
                functions: {allow: [soundex], deny: [upper]}
                tables:
                  - name: items
                    columns:
                      - {name: id, screen: false}
                      - {name: owner, screen: false}
                      - {name: secret}
                    rules:
                      - {name: mine, rowFilter: "owner = :agent.id", masks: {secret: hash}}
                readers:
                  - connector: shop
                    tools:
                      - {tool: shop.find, table: items, equals: {who: owner}, contains: {text: secret}, limit: n}
                      - {tool: shop.touch, table: items, write: true, key: {item: id}}
            """;

    private SqlSettings settings() throws Exception {
        return new ConfigLoader().parse(YAML.formatted(dir.resolve("l.db")), "t.yaml").sql().getFirst();
    }

    @BeforeEach
    void plant() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("l.db")); var s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, owner TEXT, secret TEXT)");
            s.execute("INSERT INTO items VALUES (1, 'bot-a', 'alpha'), (2, 'bot-b', 'beta')");
        }
        SQLiteDataSource data = new SQLiteDataSource();
        data.setUrl("jdbc:sqlite:" + dir.resolve("l.db"));
        SqlConnectorConfig config = SqlConnectors.toConfig(settings());
        ledger = new SqlConnector(config, data, (p, t) -> true, new SecretKeySpec(new byte[32], "HmacSHA256"));
    }

    private Connector shop() {
        return new Connector() {
            @Override
            public String name() {
                return "shop";
            }

            @Override
            public List<Tool> tools() {
                return List.of(tool("find"), tool("touch"), tool("dump"));
            }

            @Override
            public ToolResult call(ToolCall call, ProgressListener progress) {
                innerCalls.add(call.tool().name());
                return ToolResult.text("[{\"id\":2,\"owner\":\"bot-b\",\"secret\":\"beta\"}]");
            }
        };
    }

    private static Tool tool(String name) {
        return new Tool("shop." + name, name, "{\"type\":\"object\"}", ToolKind.READ, "shop", Set.of());
    }

    private static ToolCall call(String tool, Map<String, Object> args) {
        Principal bot = new Principal(new Agent("bot-a", "o@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE,
                Instant.parse("2026-01-01T00:00:00Z")), Optional.empty(), "t", Set.of(),
                Instant.parse("2030-01-01T00:00:00Z"));
        return new ToolCall("c", tool(tool.substring(5)), args, bot, "s");
    }

    @Test
    void configurationCarriesFunctionsAndScreening() throws Exception {
        SqlConnectorConfig config = SqlConnectors.toConfig(settings());
        assertThat(config.functions().allows("soundex")).isTrue();
        assertThat(config.functions().allows("upper")).isFalse();
        assertThat(config.policy().table("items").orElseThrow().columns()).extracting(c -> c.screened())
                .containsExactly(false, false, true);
    }

    @Test
    void aForbiddenFunctionInTheConfigurationStopsTheStart() throws Exception {
        SqlSettings s = new ConfigLoader().parse(YAML.formatted(dir.resolve("l.db"))
                .replace("allow: [soundex]", "allow: [pg_read_file]"), "t.yaml").sql().getFirst();
        assertThatThrownBy(() -> SqlConnectors.toConfig(s)).hasMessageContaining("can never be allowed");
    }

    @Test
    void unboundToolsAreNeitherListedNorServed() throws Exception {
        GovernedReader reader = new GovernedReader(shop(), ledger, settings().readers().getFirst().tools());
        assertThat(reader.tools()).extracting(Tool::name).containsExactly("shop.find", "shop.touch");
        assertThatThrownBy(() -> reader.call(call("shop.dump", Map.of()), ProgressListener.IGNORE))
                .isInstanceOf(ConnectorException.class);
        assertThat(innerCalls).isEmpty();
    }

    @Test
    void boundReadsAreAnsweredFromTheGovernedTableNotByTheTool() throws Exception {
        GovernedReader reader = new GovernedReader(shop(), ledger, settings().readers().getFirst().tools());
        String all = reader.call(call("shop.find", Map.of()), ProgressListener.IGNORE).joinedText();
        assertThat(all).contains("bot-a").doesNotContain("bot-b").doesNotContain("alpha").doesNotContain("beta");
        String other = reader.call(call("shop.find", Map.of("who", "bot-b")), ProgressListener.IGNORE).joinedText();
        assertThat(other).contains("\"rowCount\":0");
        assertThat(reader.call(call("shop.find", Map.of("color", "red")), ProgressListener.IGNORE).error()).isTrue();
        assertThat(innerCalls).isEmpty();
    }

    @Test
    void boundWritesRunOnlyOnVisibleRows() throws Exception {
        GovernedReader reader = new GovernedReader(shop(), ledger, settings().readers().getFirst().tools());
        ToolResult hidden = reader.call(call("shop.touch", Map.of("item", 2)), ProgressListener.IGNORE);
        assertThat(hidden.error()).isTrue();
        assertThat(innerCalls).isEmpty();
        ToolResult mine = reader.call(call("shop.touch", Map.of("item", 1)), ProgressListener.IGNORE);
        assertThat(mine.error()).isFalse();
        assertThat(mine.joinedText()).contains("bot-a").doesNotContain("beta").doesNotContain("alpha");
        assertThat(innerCalls).containsExactly("shop.touch");
    }

    @Test
    void bindingsToUnknownToolsOrColumnsAreRefused() {
        assertThatThrownBy(() -> new GovernedReader(shop(), ledger, List.of(new SqlSettings.ToolBinding(
                "shop.nope", "items", false, null, null, null, null)))).hasMessageContaining("not a tool");
        assertThatThrownBy(() -> new GovernedReader(shop(), ledger, List.of(new SqlSettings.ToolBinding(
                "shop.find", "items", false, Map.of("x", "password"), null, null, null))))
                .hasMessageContaining("not a configured column");
    }

    @Test
    void theBoundToolsStayOneListWhileTheInnerListIsTheSame() throws Exception {
        java.util.concurrent.atomic.AtomicReference<List<Tool>> listed = new java.util.concurrent.atomic
                .AtomicReference<>(List.of(tool("find"), tool("touch"), tool("dump")));
        Connector shop = shop();
        Connector stable = new Connector() {
            @Override
            public String name() {
                return shop.name();
            }

            @Override
            public List<Tool> tools() {
                return listed.get();
            }

            @Override
            public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
                return shop.call(call, progress);
            }
        };
        GovernedReader reader = new GovernedReader(stable, ledger, settings().readers().getFirst().tools());
        List<Tool> first = reader.tools();
        assertThat(reader.tools()).isSameAs(first).extracting(Tool::name).containsExactly("shop.find", "shop.touch");

        listed.set(List.of(tool("find"), tool("dump")));
        assertThat(reader.tools()).isNotSameAs(first).extracting(Tool::name).containsExactly("shop.find");
    }
}
