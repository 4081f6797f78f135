package dev.bulwark.engine.tools;

import static dev.bulwark.engine.tools.ToolRegistryTest.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.Tool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names agents see: connector prefix (default {@code name.}, or none, or another) and the local name. */
class ToolExposureTest {

    /** A connector with a chosen tool prefix. */
    static final class Mounted extends ToolRegistryTest.Listing {
        final String prefix;

        Mounted(String name, String prefix, Tool... tools) {
            super(name, tools);
            this.prefix = prefix;
        }

        @Override
        public String toolPrefix() {
            return prefix;
        }
    }

    @Test
    void showsPrefixedToolsUnderTheirNamespacedNameByDefault() {
        Tool search = tool("docs", "search");
        ToolRegistry registry = new ToolRegistry(List.of(new ToolRegistryTest.Listing("docs", search)));
        assertThat(registry.exposedName(search)).isEqualTo("docs.search");
        assertThat(registry.findExposed("docs.search")).contains(search);
        assertThat(registry.exposure().byName()).containsOnlyKeys("docs.search");
    }

    @Test
    void showsAnUnprefixedUpstreamsToolsUnderTheirOwnNamesInFullMcpGrammar() {
        Tool dotted = tool("everything", "Admin/Users.list-v2");
        Tool plain = tool("everything", "test_simple_text");
        ToolRegistry registry = new ToolRegistry(List.of(new Mounted("everything", "", dotted, plain),
                new ToolRegistryTest.Listing("docs", tool("docs", "search"))));
        assertThat(registry.exposedName(dotted)).isEqualTo("Admin/Users.list-v2");
        assertThat(registry.findExposed("Admin/Users.list-v2")).contains(dotted);
        assertThat(registry.findExposed("test_simple_text")).contains(plain);
        // The namespaced name stays what policies and the audit log use, but agents do not call by it.
        assertThat(registry.find("everything.test_simple_text")).contains(plain);
        assertThat(registry.findExposed("everything.test_simple_text")).isEmpty();
        assertThat(registry.findExposed("docs.search")).isPresent();
        assertThat(registry.exposure().byName()).containsOnlyKeys("Admin/Users.list-v2", "test_simple_text",
                "docs.search");
    }

    @Test
    void showsToolsBehindACustomPrefix() {
        Tool issue = tool("gh", "create_issue");
        ToolRegistry registry = new ToolRegistry(List.of(new Mounted("gh", "github/", issue)));
        assertThat(registry.exposedName(issue)).isEqualTo("github/create_issue");
        assertThat(registry.findExposed("github/create_issue")).contains(issue);
        assertThat(registry.findExposed("gh.create_issue")).isEmpty();
    }

    @Test
    void refusesAtLoadTwoUnprefixedUpstreamsOfferingOneName() {
        assertThatThrownBy(() -> new ToolRegistry(List.of(new Mounted("one", "", tool("one", "search")),
                new Mounted("two", "", tool("two", "search")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one.search (connector 'one')")
                .hasMessageContaining("two.search (connector 'two')")
                .hasMessageContaining("'search'");
    }

    @Test
    void refusesAtLoadAnUnprefixedToolShadowingABuiltInConnectorsTool() {
        assertThatThrownBy(() -> new ToolRegistry(List.of(new ToolRegistryTest.Listing("crm", tool("crm",
                "get_customer")), new Mounted("up", "", tool("up", "crm.get_customer")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crm.get_customer (connector 'crm')")
                .hasMessageContaining("up.crm.get_customer (connector 'up')");
    }

    @Test
    void withholdsBothToolsWhenAConflictAppearsAtRunTime() {
        Mounted one = new Mounted("one", "", tool("one", "search"));
        Mounted two = new Mounted("two", "", tool("two", "fetch"));
        ToolRegistry registry = new ToolRegistry(List.of(one, two));

        two.tools.set(List.of(tool("two", "fetch"), tool("two", "search")));

        assertThat(registry.findExposed("search")).isEmpty();
        assertThat(registry.findExposed("fetch")).isPresent();
        ToolRegistry.Exposure exposure = registry.exposure();
        assertThat(exposure.byName()).containsOnlyKeys("fetch");
        assertThat(exposure.conflicts()).singleElement().asString().contains("one.search", "two.search");
    }

    @Test
    void doesNotShowNamesLongerThanMcpAllows() {
        Tool longest = tool("up", "x".repeat(128));
        ToolRegistry registry = new ToolRegistry(List.of(new Mounted("up", "", longest)));
        assertThat(registry.findExposed("x".repeat(128))).contains(longest);
        // Behind the default prefix it would be 131 characters: withheld with a reason, not a refusal to start.
        ToolRegistry prefixed = new ToolRegistry(List.of(new ToolRegistryTest.Listing("up", longest)));
        assertThat(prefixed.exposure().byName()).isEmpty();
        assertThat(prefixed.exposure().withheld()).singleElement().asString().contains("longer than 128");
        assertThat(prefixed.findExposed("up." + "x".repeat(128))).isEmpty();
    }

    @Test
    void refusesInvalidPrefixes() {
        for (String bad : new String[] {"a b", "x:", "x".repeat(65)}) {
            assertThatThrownBy(() -> new ToolRegistry(List.of(new Mounted("up", bad))))
                    .hasMessageContaining("invalid tool prefix");
        }
        assertThatThrownBy(() -> new ToolRegistry(List.of(new Mounted("up", null))))
                .hasMessageContaining("invalid tool prefix");
    }

    @Test
    void answersNothingForHostileNames() {
        ToolRegistry registry = new ToolRegistry(List.of(new Mounted("up", "", tool("up", "a"))));
        assertThat(registry.findExposed(null)).isEmpty();
        assertThat(registry.findExposed("")).isEmpty();
        assertThat(registry.findExposed("a\n")).isEmpty();
        assertThat(registry.findExposed("a".repeat(10_000))).isEmpty();
    }
}
