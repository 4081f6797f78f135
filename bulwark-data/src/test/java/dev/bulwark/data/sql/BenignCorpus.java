package dev.bulwark.data.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Benign analytic queries ({@code sql-benign/*.txt}, one per line as {@code both|sql}, {@code sqlite|sql} or
 * {@code pg|sql}) and the utility measure: a query is answered correctly when the connector returns, as a multiset,
 * exactly what the same SQL returns on the oracle database (permitted rows, masked values). A refusal or a different
 * answer counts against utility.
 */
final class BenignCorpus {
    /** Tally of one run: answered correctly, and the queries that were refused or answered wrongly, with why. */
    record Tally(int total, int correct, List<String> failures) {
        String summary(String name) {
            return name + ": " + correct + "/" + total + " answered correctly";
        }
    }

    private BenignCorpus() {}

    static List<String> queries(String file, SqlDialect dialect) throws IOException {
        String tag = dialect == SqlDialect.SQLITE ? "sqlite|" : "pg|";
        try (InputStream in = BenignCorpus.class.getResourceAsStream("/sql-benign/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("both|") || line.startsWith(tag))
                    .map(line -> line.substring(line.indexOf('|') + 1)).toList();
        }
    }

    static Tally run(SqlConnector connector, DataSource oracle, List<String> queries) throws Exception {
        int correct = 0;
        List<String> failures = new ArrayList<>();
        for (String sql : queries) {
            try {
                if (AttackCorpus.assertNoLeak(connector, oracle, sql)) {
                    correct++;
                } else {
                    failures.add(sql + "  =>  " + AttackCorpus.lastError());
                }
            } catch (AssertionError e) {
                failures.add(sql + "  =>  wrong answer: " + e.getMessage().replaceAll("\\s+", " "));
            }
        }
        return new Tally(queries.size(), correct, failures);
    }
}
