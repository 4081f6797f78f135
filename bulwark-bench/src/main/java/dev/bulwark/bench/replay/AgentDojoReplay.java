package dev.bulwark.bench.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays a directory of recorded runs (AgentDojo format) through the real gateway, suite by suite, each with its own
 * configuration file {@code <config-dir>/<suite>.yaml}, and prints per suite: attacks stopped, benign work kept (no
 * call denied) and benign runs with a call held for approval.
 *
 * <p>Arguments: {@code <data-dir> <config-dir> [every]}: with {@code every} = N only every N-th run of each trace file
 * is replayed (runs 1, N+1, 2N+1, …), a deterministic subset. Run it with {@code scripts/agentdojo-replay.sh}.
 */
public final class AgentDojoReplay {
    private AgentDojoReplay() {}

    public static void main(String[] args) throws Exception {
        dev.bulwark.bench.BenchLogging.warningsOnly();
        if (args.length < 2) {
            System.err.println("usage: AgentDojoReplay <data-dir> <config-dir> [every]");
            System.exit(2);
        }
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long started = System.nanoTime();
        Map<String, SuiteTally> tallies = replay(Path.of(args[0]), Path.of(args[1]), every);
        System.out.println(table(tallies));
        tallies.forEach((suite, t) -> System.out.print(t.details(suite)));
        System.out.printf("replayed run 1 and every %d-th run after it (1 = all) in %.0f s%n", every, (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }

    /** Replays every suite of tools.json; a suite without a configuration file stops the replay. */
    public static Map<String, SuiteTally> replay(Path dataDir, Path configDir, int every) throws Exception {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1");
        }
        ReplayCorpus corpus = new ReplayCorpus(dataDir);
        Map<String, SuiteTally> out = new LinkedHashMap<>();
        for (String suite : corpus.suites()) {
            Path config = configDir.resolve(suite + ".yaml");
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("no configuration file for suite " + suite + ": " + config);
            }
            Path work = Files.createTempDirectory("bulwark-replay-" + suite);
            try {
                out.put(suite, SuiteReplay.replay(corpus, suite, config, work, every));
            } finally {
                delete(work);
            }
        }
        return out;
    }

    static String table(Map<String, SuiteTally> tallies) {
        StringBuilder b = new StringBuilder("""
                | suite | runs replayed | attacks stopped | … of them, attack never delivered | attacks with every goal call refused | benign kept (no denial) | benign with a call held |
                |---|---:|---:|---:|---:|---:|---:|
                """);
        tallies.forEach((suite, t) -> b.append(t.row(suite)).append('\n'));
        return b.toString();
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
