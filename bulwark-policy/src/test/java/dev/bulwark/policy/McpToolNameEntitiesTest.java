package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream tool names keep MCP's grammar (dots, slashes, upper case) inside their namespace: each is its own Cedar
 * entity, a prefix or extension of a permitted name is another entity, and the connector is what precedes the first
 * dot (connector names have none), so {@code up.a.b} is tool {@code a.b} of connector {@code up} and nothing else.
 */
class McpToolNameEntitiesTest {
    private static final String POLICIES = """
            permit(principal, action, resource == Bulwark::Tool::"up.files.read");
            permit(principal, action, resource == Bulwark::Tool::"up.Admin/Users.list-v2");
            permit(principal, action, resource in Bulwark::Connector::"other");
            """;

    @TempDir
    static Path dir;

    static Stream<Arguments> tools() {
        return Stream.of(
                Arguments.of("up.files.read", "up", true),
                Arguments.of("up.files", "up", false),
                Arguments.of("up.files.read.all", "up", false),
                Arguments.of("up.files/read", "up", false),
                Arguments.of("up.Admin/Users.list-v2", "up", true),
                Arguments.of("up.admin/users.list-v2", "up", false),
                Arguments.of("up.Admin/Users", "up", false),
                Arguments.of("up.Admin", "up", false),
                // Tool "up.files.read" of connector "other": named like the permitted tool, but its entity id is
                // "other.up.files.read" and only the connector-wide permit applies.
                Arguments.of("other.up.files.read", "other", true),
                Arguments.of("upx.files.read", "upx", false));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("tools")
    void decidesEachNameAsItsOwnEntity(String name, String connector, boolean allowed) throws IOException {
        Files.writeString(dir.resolve("p.cedar"), POLICIES);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);
        Tool tool = new Tool(name, "t", "{\"type\":\"object\"}", ToolKind.READ, connector, java.util.Set.of());
        assertThat(tool.connector()).isEqualTo(connector);
        Principal principal = Requests.principal(Requests.agent("a", "support"));
        assertThat(engine.decide(Requests.request(principal, tool, Map.of())).allowed()).isEqualTo(allowed);
    }
}
