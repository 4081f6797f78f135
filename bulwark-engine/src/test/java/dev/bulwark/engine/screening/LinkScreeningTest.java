package dev.bulwark.engine.screening;

import static dev.bulwark.engine.screening.LeafScreeningTest.CALL;
import static dev.bulwark.engine.screening.LeafScreeningTest.guard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentOrigin;
import dev.bulwark.spi.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resource links through guards: shown field by field, rebuilt from what the guard left of them. */
class LinkScreeningTest {
    private static final String LINK_TEXT = "{\"type\":\"resource_link\",\"uri\":\"file:///data/c.csv\",\"name\":\"c.csv\","
            + "\"title\":\"Sales by ann@corp.io\",\"size\":12,\"mimeType\":\"text/csv\"}";

    private static ToolResult withLink(String uri) {
        return new ToolResult(List.of(new Content.Text("Files:"), new Content.Text(LINK_TEXT)), false, Set.of(), null,
                Map.of(1, new ContentOrigin.Link(uri, "c.csv", "Sales by ann@corp.io", null, "text/csv", 12L)));
    }

    private static ToolResult screened(String guard, ToolResult result) {
        Screening verdict = new LeafScreening().screen(guard(guard), CALL, result).screening();
        return verdict instanceof Screening.Rewrite rewrite ? rewrite.result() : result;
    }

    @Test
    void framingMarksNameAndTitleAndKeepsTheLink() {
        ToolResult out = screened("frame", withLink("file:///data/c.csv"));

        assertThat(out.content().getFirst()).isEqualTo(new Content.Text("[[Files:]]"));
        assertThat(out.origins().get(1)).isEqualTo(new ContentOrigin.Link("file:///data/c.csv", "[[c.csv]]",
                "[[Sales by ann@corp.io]]", null, "text/csv", 12L));
        assertThat(((Content.Text) out.content().get(1)).text()).contains("\"name\":\"[[c.csv]]\"")
                .contains("\"uri\":\"file:///data/c.csv\"");
    }

    @Test
    void redactionOfATitleKeepsTheLinkWithTheRedactedTitle() {
        ToolResult out = screened("redact-emails", withLink("file:///data/c.csv"));

        assertThat(out.content().getFirst()).isEqualTo(new Content.Text("Files:"));
        assertThat(((ContentOrigin.Link) out.origins().get(1)).title()).isEqualTo("Sales by [EMAIL]");
        assertThat(((Content.Text) out.content().get(1)).text()).doesNotContain("ann@corp.io");
    }

    @Test
    void aUriHoldingPersonalDataLosesTheLinkShapeAndArrivesAsScreenedText() {
        ToolResult out = screened("redact-emails", withLink("file:///home/ann@corp.io/c.csv"));

        assertThat(out.origins()).doesNotContainKey(1);
        assertThat(((Content.Text) out.content().get(1)).text()).contains("file:///home/[EMAIL]/c.csv")
                .doesNotContain("ann@corp.io");
    }

    @Test
    void anUntouchedLinkKeepsItsOriginalBlock() {
        ToolResult result = new ToolResult(List.of(new Content.Text("mail a@b.cd"), new Content.Text(LINK_TEXT)),
                false, Set.of(), null, Map.of(1, new ContentOrigin.Link("file:///x", "x", null, null, null, null)));

        ToolResult out = screened("redact-emails", result);

        assertThat(out.content()).containsExactly(new Content.Text("mail [EMAIL]"), new Content.Text(LINK_TEXT));
        assertThat(out.origins()).containsKey(1);
    }
}
