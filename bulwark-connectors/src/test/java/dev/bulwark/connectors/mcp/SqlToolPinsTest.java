package dev.bulwark.connectors.mcp;

import static dev.bulwark.connectors.TestCalls.call;
import static dev.bulwark.connectors.mcp.TestUpstreamTools.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.testkit.McpTestTools;
import dev.bulwark.testkit.OneConnectionPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqlToolPinsTest {
    @TempDir
    Path dir;

    private SQLiteDataSource dataSource() {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("state.db"));
        return dataSource;
    }

    private static ToolPin pin(String tool, PinStatus status, Optional<String> approved, String seen) {
        return new ToolPin(tool, status, approved, seen, "description of " + tool, "{\"type\":\"object\"}",
                Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void savesFindsListsAndReplacesPins() {
        SqlToolPins pins = new SqlToolPins(dataSource());
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        pins.save(pin("up.echo", PinStatus.APPROVED, Optional.of(a), a));
        pins.save(pin("up.add", PinStatus.PENDING, Optional.empty(), b));
        pins.save(pin("up_other.echo", PinStatus.APPROVED, Optional.of(b), b));

        assertThat(pins.find("up.echo")).contains(pin("up.echo", PinStatus.APPROVED, Optional.of(a), a));
        assertThat(pins.find("up.missing")).isEmpty();
        assertThat(pins.list("up")).extracting(ToolPin::tool).containsExactly("up.add", "up.echo");

        pins.save(pin("up.echo", PinStatus.BLOCKED, Optional.of(a), b));
        assertThat(pins.find("up.echo").orElseThrow().status()).isEqualTo(PinStatus.BLOCKED);
        assertThat(new SqlToolPins(dataSource()).list("up")).hasSize(2);
    }

    @Test
    void keepsTheSeenAndTheApprovedExecution() {
        SqlToolPins pins = new SqlToolPins(dataSource());
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        ToolPin blocked = new ToolPin("up.echo", PinStatus.BLOCKED, Optional.of(a), b, "d", "{\"type\":\"object\"}",
                "{\"taskSupport\":\"required\"}", "{\"taskSupport\":\"optional\"}",
                Instant.ofEpochMilli(1_700_000_000_000L));
        pins.save(blocked);
        assertThat(new SqlToolPins(dataSource()).find("up.echo")).contains(blocked);
    }

    @Test
    void aTableFromBeforeExecutionGainsTheColumnsAndKeepsItsPins() throws Exception {
        String a = "a".repeat(64);
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE bulwark_tool_pins (tool VARCHAR(200) PRIMARY KEY, connector VARCHAR(64) NOT NULL,
                      status VARCHAR(16) NOT NULL, approved_hash VARCHAR(64), seen_hash VARCHAR(64) NOT NULL,
                      seen_description TEXT NOT NULL, seen_input_schema TEXT NOT NULL, updated_at BIGINT NOT NULL)""");
            s.execute("INSERT INTO bulwark_tool_pins VALUES ('up.echo', 'up', 'APPROVED', '" + a + "', '" + a
                    + "', 'd', '{\"type\":\"object\"}', 1700000000000)");
        }
        SqlToolPins pins = new SqlToolPins(dataSource());
        ToolPin old = pins.find("up.echo").orElseThrow();
        assertThat(old.seenExecution()).isNull();
        assertThat(old.approvedExecution()).isNull();
        pins.save(old.approved(Instant.EPOCH));
        new SqlToolPins(dataSource()); // opening again adds nothing twice
        assertThat(pins.find("up.echo")).isPresent();
    }

    @Test
    void refusesARowThatIsNotAValidPin() throws Exception {
        SqlToolPins pins = new SqlToolPins(dataSource());
        String a = "a".repeat(64);
        pins.save(pin("up.echo", PinStatus.APPROVED, Optional.of(a), a));
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE bulwark_tool_pins SET seen_hash = '" + "c".repeat(64) + "'");
        }
        assertThatThrownBy(() -> pins.find("up.echo")).isInstanceOf(PinStoreException.class);
    }

    @Test
    void allowsOnlyAnApprovedPinOfTheSameDefinitionAsFindWould() {
        SqlToolPins pins = new SqlToolPins(dataSource());
        InMemoryToolPins reference = new InMemoryToolPins();
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        for (ToolPin p : java.util.List.of(pin("up.ok", PinStatus.APPROVED, Optional.of(a), a),
                pin("up.new", PinStatus.PENDING, Optional.empty(), a),
                pin("up.changed", PinStatus.BLOCKED, Optional.of(a), b))) {
            pins.save(p);
            reference.save(p);
        }
        for (String tool : java.util.List.of("up.ok", "up.new", "up.changed", "up.missing")) {
            for (String hash : java.util.List.of(a, b, "' OR '1'='1")) {
                assertThat(pins.allows(tool, hash)).as(tool + " " + hash).isEqualTo(reference.allows(tool, hash));
            }
        }
        assertThat(pins.allows("up.ok", a)).isTrue();
        assertThat(pins.allows("up.ok", b)).isFalse();
        assertThat(pins.allows("up.changed", a)).isFalse();
        assertThat(pins.allows("up.changed", b)).isFalse();
        assertThat(pins.allows("up.new", a)).isFalse();
    }

    @Test
    void anApprovedRowThatIsNotAValidPinApprovesNothing() throws Exception {
        SqlToolPins pins = new SqlToolPins(dataSource());
        String a = "a".repeat(64);
        pins.save(pin("up.echo", PinStatus.APPROVED, Optional.of(a), a));
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE bulwark_tool_pins SET seen_hash = '" + "c".repeat(64) + "'");
        }
        assertThat(pins.allows("up.echo", a)).isFalse();
        assertThat(pins.allows("up.echo", "c".repeat(64))).isFalse();
    }

    @Test
    void aStoreThatCannotBeReadThrowsRatherThanAllowing() throws Exception {
        SqlToolPins pins = new SqlToolPins(dataSource());
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE bulwark_tool_pins");
        }
        assertThatThrownBy(() -> pins.allows("up.echo", "a".repeat(64))).isInstanceOf(PinStoreException.class);
    }

    @Test
    void aPooledConnectionKeepsTheCheckPreparedAndStillSeesWhatAnotherGatewayWrote() throws Exception {
        OneConnectionPool pool = new OneConnectionPool(dataSource());
        SqlToolPins gate = new SqlToolPins(pool);
        SqlToolPins other = new SqlToolPins(dataSource());
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        other.save(pin("up.echo", PinStatus.APPROVED, Optional.of(a), a));
        assertThat(gate.allows("up.echo", a)).isTrue();
        int afterFirst = pool.prepared().size();
        for (int i = 0; i < 10; i++) {
            assertThat(gate.allows("up.echo", a)).isTrue();
            assertThat(gate.allows("up.echo", b)).isFalse();
        }
        assertThat(pool.prepared()).as("prepared once per connection").hasSize(afterFirst);

        other.save(pin("up.echo", PinStatus.BLOCKED, Optional.of(a), b)); // the definition changed on another gateway
        assertThat(gate.allows("up.echo", a)).isFalse();
        assertThat(gate.allows("up.echo", b)).isFalse();
        other.save(pin("up.echo", PinStatus.APPROVED, Optional.of(b), b));
        assertThat(gate.allows("up.echo", b)).isTrue();

        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE bulwark_tool_pins");
        }
        assertThatThrownBy(() -> gate.allows("up.echo", b)).isInstanceOf(PinStoreException.class);
        assertThatThrownBy(() -> gate.allows("up.echo", b)).isInstanceOf(PinStoreException.class);
    }

    @Test
    void keepsPinsAcrossConnectorRestarts() throws Exception {
        try (HttpUpstream upstream = HttpUpstream.start()) {
            UpstreamServer config = UpstreamServer.http("up", upstream.url());
            try (McpUpstreamConnector first = McpUpstreamConnector.open(config, new SqlToolPins(dataSource()))) {
                assertThat(first.tools()).extracting(Tool::name).contains("up.echo");
            }

            upstream.replace(McpTestTools.echo("Changed while the gateway was down."), false);

            try (McpUpstreamConnector second = McpUpstreamConnector.open(config, new SqlToolPins(dataSource()))) {
                assertThat(second.tools()).extracting(Tool::name).doesNotContain("up.echo").contains("up.add");
                assertThat(second.pins()).filteredOn(p -> p.tool().equals("up.echo"))
                        .singleElement().extracting(ToolPin::status).isEqualTo(PinStatus.BLOCKED);
                second.approve("up.echo");
            }

            try (McpUpstreamConnector third = McpUpstreamConnector.open(config, new SqlToolPins(dataSource()))) {
                Tool echo = third.tools().stream().filter(t -> t.name().equals("up.echo")).findFirst().orElseThrow();
                assertThat(echo.description()).isEqualTo("Changed while the gateway was down.");
                assertThat(third.call(call(echo, args("text", "x")), ProgressListener.IGNORE).joinedText())
                        .isEqualTo("echo: x");
            }
        }
    }
}
