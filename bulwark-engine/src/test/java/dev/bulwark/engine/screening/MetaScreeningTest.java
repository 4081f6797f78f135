package dev.bulwark.engine.screening;

import static dev.bulwark.engine.screening.LeafScreeningTest.CALL;
import static dev.bulwark.engine.screening.LeafScreeningTest.guard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ContentAnnotations;
import dev.bulwark.spi.tool.ResultMeta;
import dev.bulwark.spi.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A result's {@code _meta} and its blocks' annotations and {@code _meta} through guards. */
class MetaScreeningTest {
    private static final ContentAnnotations FOR_USER = new ContentAnnotations(List.of("user"), 0.5,
            "2026-12-07T12:00:00Z");

    private static ToolResult result(String text, String resultMeta, String blockMeta) {
        return new ToolResult(List.of(new Content.Text(text)), false, Set.of(), null, Map.of(),
                new ResultMeta(resultMeta, Map.of(0, FOR_USER), blockMeta == null ? Map.of() : Map.of(0, blockMeta)));
    }

    private static ToolResult screened(String guard, ToolResult result) {
        Screening verdict = new LeafScreening().screen(guard(guard), CALL, result).screening();
        return verdict instanceof Screening.Rewrite rewrite ? rewrite.result() : result;
    }

    @Test
    void personalDataInMetaLeavesIsRedactedInPlaceAndTheRestKept() {
        ToolResult out = screened("redact-emails",
                result("mail me: a@b.cd", "{\"owner\":\"c@d.ef\",\"n\":1}", "{\"trace\":\"t-1\"}"));

        assertThat(out.joinedText()).isEqualTo("mail me: [EMAIL]");
        assertThat(out.meta().meta()).isEqualTo("{\"owner\":\"[EMAIL]\",\"n\":1}");
        assertThat(out.meta().blockMeta()).containsEntry(0, "{\"trace\":\"t-1\"}");
        assertThat(out.meta().annotations()).containsEntry(0, FOR_USER);
    }

    @Test
    void metaOnlyTheGuardChangesIsScreenedEvenWhenTheTextIsClean() {
        ToolResult out = screened("redact-emails", result("clean", null, "{\"by\":\"x@y.zz\"}"));

        assertThat(out.content()).containsExactly(new Content.Text("clean"));
        assertThat(out.meta().blockMeta()).containsEntry(0, "{\"by\":\"[EMAIL]\"}");
    }

    @Test
    void aMetaObjectWithAKeyTheGuardWouldChangeIsLeftOut() {
        ToolResult out = screened("redact-emails", result("clean", "{\"x@y.zz\":true}", "{\"ok\":\"yes\"}"));

        assertThat(out.meta().meta()).isNull();
        assertThat(out.meta().blockMeta()).containsEntry(0, "{\"ok\":\"yes\"}");
    }

    @Test
    void framingMarksTheTextButNeitherMetaNorAnnotations() {
        ToolResult out = screened("frame", result("hello", "{\"note\":\"n\"}", "{\"b\":\"c\"}"));

        assertThat(out.joinedText()).isEqualTo("[[hello]]");
        assertThat(out.meta()).isEqualTo(new ResultMeta("{\"note\":\"n\"}", Map.of(0, FOR_USER),
                Map.of(0, "{\"b\":\"c\"}")));
    }

    @Test
    void unchangedOutputKeepsEverything() {
        ToolResult in = result("clean", "{\"n\":1}", null);

        assertThat(new LeafScreening().screen(guard("redact-emails"), CALL, in).screening())
                .isInstanceOf(Screening.Pass.class);
    }

    @Test
    void annotationsAndMetaAreValidatedOnConstruction() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ContentAnnotations(List.of("root"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ContentAnnotations(List.of(), 1.5, null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ContentAnnotations(List.of(), null, "x\n"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ResultMeta("[1]", Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ToolResult(List.of(), false, Set.of(), null,
                Map.of(), new ResultMeta(null, Map.of(0, FOR_USER), Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
