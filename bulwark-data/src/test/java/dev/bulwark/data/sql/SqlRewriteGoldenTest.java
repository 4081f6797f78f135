package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case directory holds {@code input.sql}, {@code principal.json}, optionally {@code dialect.txt}, and either
 * {@code expected.sql} + {@code expected-params.txt} (the exact rewritten statement and its parameters) or
 * {@code expected-rejection.txt} (text the rejection message must contain).
 */
class SqlRewriteGoldenTest {

    static List<Path> cases() throws IOException {
        return GoldenCases.all();
    }

    @Test
    void hasAtLeastThirtyCases() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritesOrRejectsAsRecorded(Path dir) throws Exception {
        RowSecurity rowSecurity = Fixtures.rowSecurity(Fixtures.policy(), GoldenCases.dialect(dir), SqlLimits.DEFAULT);
        String sql = GoldenCases.input(dir);
        var principal = Fixtures.principal(dir.resolve("principal.json"));
        Path expectedSql = dir.resolve("expected.sql");
        Path expectedRejection = dir.resolve("expected-rejection.txt");
        assertThat(Files.exists(expectedSql) ^ Files.exists(expectedRejection))
                .as("exactly one of expected.sql and expected-rejection.txt in " + dir.getFileName()).isTrue();
        if (Files.exists(expectedSql)) {
            QueryPlan plan = rowSecurity.plan(sql, principal, GoldenCases.MAX_ROWS);
            assertThat(plan.sql()).isEqualTo(GoldenCases.read(expectedSql).strip());
            List<String> params = GoldenCases.read(dir.resolve("expected-params.txt")).lines().toList();
            // Key pads of hash masks are bytes derived from the test key: recorded as <key>.
            assertThat(plan.parameters()).map(p -> p instanceof byte[] ? "<key>" : String.valueOf(p))
                    .containsExactlyElementsOf(params);
        } else {
            assertThatThrownBy(() -> rowSecurity.plan(sql, principal, GoldenCases.MAX_ROWS))
                    .isInstanceOf(QueryRejectedException.class)
                    .hasMessageContaining(GoldenCases.read(expectedRejection).strip());
        }
    }
}
