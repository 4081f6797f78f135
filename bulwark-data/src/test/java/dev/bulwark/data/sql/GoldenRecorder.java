package dev.bulwark.data.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Writes the expected files of golden cases that have none yet, from the current rewriter, for a human to review
 * before committing. Run by hand with the source resource directory as argument; never part of the test suite.
 */
public final class GoldenRecorder {
    private GoldenRecorder() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (Files.exists(dir.resolve("expected.sql")) || Files.exists(dir.resolve("expected-rejection.txt"))) {
                    continue;
                }
                RowSecurity rowSecurity = Fixtures.rowSecurity(Fixtures.policy(), GoldenCases.dialect(dir),
                        SqlLimits.DEFAULT);
                try {
                    QueryPlan plan = rowSecurity.plan(GoldenCases.input(dir),
                            Fixtures.principal(dir.resolve("principal.json")), GoldenCases.MAX_ROWS);
                    Files.writeString(dir.resolve("expected.sql"), plan.sql() + "\n");
                    Files.writeString(dir.resolve("expected-params.txt"), plan.parameters().stream()
                            .map(String::valueOf).map(p -> p + "\n").collect(Collectors.joining()));
                } catch (QueryRejectedException e) {
                    Files.writeString(dir.resolve("expected-rejection.txt"), e.getMessage() + "\n");
                }
                System.out.println("recorded " + dir.getFileName());
            }
        }
    }
}
