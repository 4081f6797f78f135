package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the nesting bound counts: structure, never text inside string literals or line comments. */
class NestingBoundTest {
    private static final String DEEP = "(".repeat(40) + "[[[{{{" + "&& || == + . ".repeat(100);

    @Test
    void bracketsAndOperatorsInsideStringsAndCommentsDoNotCount() {
        String policy = "permit (principal, action, resource) when {\n  // " + DEEP + "\n  context.a == \""
                + DEEP.replace("\"", "") + "\" };";
        assertThat(NestingBound.problem(policy)).isEmpty();
        String schema = "namespace Bulwark {\n // " + DEEP + "\n type A = { note: String }; // \"" + DEEP + "\n}";
        assertThat(NestingBound.schemaProblem(schema)).isEmpty();
    }

    @Test
    void theSameStructureOutsideThemIsRefused() {
        assertThat(NestingBound.problem("permit (principal, action, resource) when { " + "(".repeat(40) + "true"
                + ")".repeat(40) + " };")).hasValueSatisfying(p -> assertThat(p).contains("at most"));
        assertThat(NestingBound.schemaProblem("type A = " + "{a: ".repeat(40) + "String" + "}".repeat(40) + ";"))
                .hasValueSatisfying(p -> assertThat(p).contains("at most"));
    }

    @Test
    void anUnterminatedStringOrCommentAtTheEndIsReadWithoutFailing() {
        assertThat(NestingBound.problem("when { context.a == \"abc\\")).isEmpty();
        assertThat(NestingBound.problem("when { true } // (((")).isEmpty();
        assertThat(NestingBound.schemaProblem("type A = \"{{{")).isEmpty();
        assertThat(NestingBound.problem("\"")).isEmpty();
        assertThat(NestingBound.problem("/")).isEmpty();
    }
}
