package dev.bulwark.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

    static Tool tool(String connector, String local) {
        return new Tool(connector + "." + local, "d", "{\"type\":\"object\"}", ToolKind.READ, connector, Set.of());
    }

    /** A connector whose list can change; counts how often it is asked. */
    static class Listing implements Connector {
        final String name;
        final AtomicReference<List<Tool>> tools;
        final AtomicInteger asked = new AtomicInteger();
        volatile RuntimeException failure;

        Listing(String name, Tool... tools) {
            this.name = name;
            this.tools = new AtomicReference<>(List.of(tools));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Tool> tools() {
            asked.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return tools.get();
        }

        @Override
        public ToolResult call(ToolCall call, ProgressListener progress) {
            return ToolResult.text(name);
        }
    }

    @Test
    void findsToolsAndRoutesThemToTheirConnector() {
        Listing docs = new Listing("docs", tool("docs", "search"), tool("docs", "read"));
        Listing sql = new Listing("sql", tool("sql", "query"));
        ToolRegistry registry = new ToolRegistry(List.of(docs, sql));

        assertThat(registry.find("sql.query")).map(Tool::name).contains("sql.query");
        assertThat(registry.connectorFor(registry.find("sql.query").orElseThrow())).isSameAs(sql);
        assertThat(registry.connectorFor(registry.find("docs.read").orElseThrow())).isSameAs(docs);
        assertThat(registry.all()).extracting(Tool::name).containsExactly("docs.search", "docs.read", "sql.query");
    }

    @Test
    void doesNotFindNamesNoConnectorLists() {
        ToolRegistry registry = new ToolRegistry(List.of(new Listing("docs", tool("docs", "search"))));

        assertThat(registry.find("docs.delete")).isEmpty();
        assertThat(registry.find("other.search")).isEmpty();
        assertThat(registry.find("")).isEmpty();
        assertThat(registry.find("nodot")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void splitsNamesAtTheFirstDotBecauseConnectorNamesHaveNone() {
        // A connector 'a.b' with tool 'c' and a connector 'a' with tool 'b.c' would both be 'a.b.c': connector names
        // cannot contain a dot, so a name (and the Cedar entity id made of it) has exactly one reading.
        assertThatThrownBy(() -> tool("a.b", "c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connector name");
        Tool dotted = tool("a", "b.c");
        assertThat(dotted.connector()).isEqualTo("a");
        assertThat(dotted.localName()).isEqualTo("b.c");
        ToolRegistry registry = new ToolRegistry(List.of(new Listing("a", dotted)));
        assertThat(registry.find("a.b.c")).contains(dotted);
    }

    @Test
    void rejectsTwoConnectorsWithOneName() {
        assertThatThrownBy(() -> new ToolRegistry(List.of(new Listing("docs"), new Listing("docs"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("docs");
    }

    @Test
    void rejectsAToolListedTwiceByOneConnector() {
        assertThatThrownBy(() -> new ToolRegistry(List.of(new Listing("docs", tool("docs", "x"), tool("docs", "x")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAConnectorListingAnotherConnectorsTool() {
        assertThatThrownBy(() -> new ToolRegistry(List.of(new Listing("docs", tool("sql", "query")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sql.query");
    }

    @Test
    void followsChangesInAConnectorsList() {
        Listing upstream = new Listing("up", tool("up", "one"));
        ToolRegistry registry = new ToolRegistry(List.of(upstream));
        assertThat(registry.find("up.one")).isPresent();

        upstream.tools.set(List.of(tool("up", "two")));

        assertThat(registry.find("up.one")).isEmpty();
        assertThat(registry.find("up.two")).isPresent();
        assertThat(registry.all()).extracting(Tool::name).containsExactly("up.two");
    }

    @Test
    void seesAChangedSchemaForTheSameName() {
        Listing upstream = new Listing("up", tool("up", "one"));
        ToolRegistry registry = new ToolRegistry(List.of(upstream));
        Tool changed = new Tool("up.one", "d", "{\"type\":\"object\",\"required\":[\"x\"]}", ToolKind.WRITE, "up",
                Set.of());

        upstream.tools.set(List.of(changed));

        assertThat(registry.find("up.one")).contains(changed);
    }

    @Test
    void ignoresAToolOfAnotherConnectorListedAtRunTime() {
        Listing docs = new Listing("docs", tool("docs", "x"));
        ToolRegistry registry = new ToolRegistry(List.of(docs, new Listing("sql")));

        docs.tools.set(List.of(tool("docs", "x"), tool("sql", "drop")));

        assertThat(registry.find("sql.drop")).isEmpty();
        assertThat(registry.all()).extracting(Tool::name).containsExactly("docs.x");
    }

    @Test
    void aFailingConnectorListsNothingButFindReportsTheFailure() {
        Listing broken = new Listing("up", tool("up", "one"));
        Listing docs = new Listing("docs", tool("docs", "x"));
        ToolRegistry registry = new ToolRegistry(List.of(broken, docs));

        broken.failure = new IllegalStateException("upstream gone");

        assertThat(registry.all()).extracting(Tool::name).containsExactly("docs.x");
        assertThatThrownBy(() -> registry.find("up.one")).isInstanceOf(IllegalStateException.class);
        assertThat(registry.find("docs.x")).isPresent();
    }

    @Test
    void asksOnlyTheOwningConnectorOnLookup() {
        Listing docs = new Listing("docs", tool("docs", "x"));
        Listing sql = new Listing("sql", tool("sql", "q"));
        ToolRegistry registry = new ToolRegistry(List.of(docs, sql));
        int before = sql.asked.get();

        registry.find("docs.x");

        assertThat(sql.asked.get()).isEqualTo(before);
    }

    @Test
    void namesAreTheSameSetWhileNoListChangesAndNewWhenOneDoes() {
        Listing docs = new Listing("docs", tool("docs", "search"));
        Listing sql = new Listing("sql", tool("sql", "query"));
        ToolRegistry registry = new ToolRegistry(List.of(docs, sql));

        Set<String> first = registry.names();
        assertThat(first).containsExactlyInAnyOrder("docs.search", "sql.query");
        assertThat(registry.names()).isSameAs(first);

        sql.tools.set(List.of(tool("sql", "query"), tool("sql", "drop")));
        Set<String> changed = registry.names();
        assertThat(changed).isNotSameAs(first).containsExactlyInAnyOrder("docs.search", "sql.query", "sql.drop");
        assertThat(registry.names()).isSameAs(changed);
        assertThatThrownBy(() -> changed.add("evil.tool")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesLeaveOutAFailingConnectorAndTakeItBackWhenItListsAgain() {
        Listing broken = new Listing("up", tool("up", "one"));
        Listing docs = new Listing("docs", tool("docs", "x"));
        ToolRegistry registry = new ToolRegistry(List.of(broken, docs));
        assertThat(registry.names()).containsExactlyInAnyOrder("up.one", "docs.x");

        broken.failure = new IllegalStateException("upstream gone");
        assertThat(registry.names()).containsExactly("docs.x");

        broken.failure = null;
        assertThat(registry.names()).containsExactlyInAnyOrder("up.one", "docs.x");
    }

    @Test
    void namesAreThoseOfAllWhateverTheConnectorsList() {
        Listing docs = new Listing("docs", tool("docs", "x"));
        ToolRegistry registry = new ToolRegistry(List.of(docs));

        docs.tools.set(List.of(tool("docs", "x"), tool("docs", "x"), tool("docs", "y"), tool("sql", "drop")));

        assertThat(registry.names()).containsExactlyInAnyOrderElementsOf(
                registry.all().stream().map(Tool::name).toList());
        assertThat(registry.names()).containsExactly("docs.y");
    }
}
