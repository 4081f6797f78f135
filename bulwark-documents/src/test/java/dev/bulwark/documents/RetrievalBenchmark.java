package dev.bulwark.documents;

import dev.bulwark.spi.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Not a unit test: a plain main measuring ingestion throughput and ACL-filtered retrieval latency over a synthetic
 * corpus. Usage: {@code RetrievalBenchmark <chunks> [index-directory]}. Documents have ten one-paragraph chunks of
 * about 60 words drawn from a 20,000-word synthetic vocabulary with Zipf frequencies; 1% of documents are readable
 * by the measured principal, every document by the {@code everyone} group (the unfiltered comparison). When the index
 * directory already holds chunks, the build is skipped and only queries are measured.
 */
public final class RetrievalBenchmark {
    private static final int CHUNKS_PER_DOCUMENT = 10;
    private static final int WORDS_PER_CHUNK = 60;
    private static final int VOCABULARY = 20_000;

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path directory = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("bulwark-retrieval-bench");
        Random random = new Random(42);
        String[] words = vocabulary(random);
        double[] cumulative = zipf(VOCABULARY);
        int documents = chunks / CHUNKS_PER_DOCUMENT;

        DocumentsConfig config = DocumentsConfig.defaults(directory).withChunking(700, 50);
        try (LuceneDocumentStore store = LuceneDocumentStore.open(config)) {
            DocumentIngestor ingestor = new DocumentIngestor(store, List.of(Fixtures.EMAILS));
            if (store.chunkCount() > 0) {
                System.out.printf("reusing the index in %s: %,d chunks%n", directory, store.chunkCount());
                measure(store, Fixtures.agent("bench-agent", "one-percent"), "ACL filter matching 1% of documents",
                        words, cumulative, random);
                measure(store, Fixtures.agent("bench-agent", "everyone"), "ACL filter matching 100% of documents",
                        words, cumulative, random);
                return;
            }
            long start = System.nanoTime();
            int batch = 1000;
            for (int first = 0; first < documents; first += batch) {
                List<IngestRequest> requests = new ArrayList<>(batch);
                for (int d = first; d < Math.min(documents, first + batch); d++) {
                    requests.add(document(d, words, cumulative, random));
                }
                for (IngestOutcome outcome : ingestor.ingestAll(requests)) {
                    if (outcome instanceof IngestOutcome.Refused refused) {
                        throw new IllegalStateException(refused.toString());
                    }
                }
                if ((first / batch) % 10 == 0) {
                    System.out.printf("  %,d documents ingested after %.0f s%n", first + batch,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            int stored = store.chunkCount();
            System.out.printf("index build: %,d documents, %,d chunks in %.1f s = %,.0f docs/s, %,.0f chunks/s "
                    + "(batched, one commit per 1000 documents)%n", documents, stored, buildSeconds,
                    documents / buildSeconds, stored / buildSeconds);

            long single = System.nanoTime();
            int singles = 200;
            for (int d = 0; d < singles; d++) {
                ingestor.ingest(document(documents + d, words, cumulative, random));
            }
            double singleSeconds = (System.nanoTime() - single) / 1e9;
            System.out.printf("single ingest (commit per document, %d docs of 10 chunks): %.0f docs/s%n", singles,
                    singles / singleSeconds);

            measure(store, Fixtures.agent("bench-agent", "one-percent"), "ACL filter matching 1% of documents",
                    words, cumulative, random);
            measure(store, Fixtures.agent("bench-agent", "everyone"), "ACL filter matching 100% of documents",
                    words, cumulative, random);
        }
        System.out.println("index directory: " + directory);
    }

    private static void measure(LuceneDocumentStore store, Principal caller, String label, String[] words,
                                double[] cumulative, Random random) throws Exception {
        int warmup = 500;
        int measured = 3000;
        long[] nanos = new long[measured];
        long[] cpu = new long[measured];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int returned = 0;
        for (int i = 0; i < warmup + measured; i++) {
            String query = pick(words, cumulative, random) + " " + pick(words, cumulative, random) + " "
                    + pick(words, cumulative, random);
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            SearchOutcome outcome = store.search(caller, query, 10);
            long elapsed = System.nanoTime() - t;
            long cpuElapsed = threads.getCurrentThreadCpuTime() - c;
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
                cpu[i - warmup] = cpuElapsed;
                returned += outcome.chunks().size();
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("%s: %d queries of 3 Zipf-drawn words, top_k 10 (decrypting results): p50 %.2f ms, "
                + "p90 %.2f ms, p99 %.2f ms, max %.2f ms, mean chunks returned %.1f%n", label, measured,
                nanos[measured / 2] / 1e6, nanos[measured * 9 / 10] / 1e6, nanos[measured * 99 / 100] / 1e6,
                nanos[measured - 1] / 1e6, returned / (double) measured);
        System.out.printf("  same queries, CPU time of the querying thread: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                cpu[measured / 2] / 1e6, cpu[measured * 9 / 10] / 1e6, cpu[measured * 99 / 100] / 1e6);
    }

    private static IngestRequest document(int d, String[] words, double[] cumulative, Random random) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < CHUNKS_PER_DOCUMENT; c++) {
            for (int w = 0; w < WORDS_PER_CHUNK; w++) {
                text.append(pick(words, cumulative, random)).append(w % 12 == 11 ? ". " : " ");
            }
            text.append("\n\n");
        }
        Set<String> groups = d % 100 == 0 ? Set.of("one-percent", "everyone")
                : Set.of("team-" + (d % 97), "everyone");
        return new IngestRequest("bench/" + d, "document " + d, text.toString().getBytes(StandardCharsets.UTF_8),
                MediaType.TEXT_PLAIN, Map.of("n", Integer.toString(d)), new SourceAcl(Set.of(), groups),
                Optional.empty(), Integrity.UNTRUSTED, Confidentiality.INTERNAL);
    }

    private static String[] vocabulary(Random random) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zu", "pe", "ga", "do", "fi", "ho",
            "ju", "be", "cor", "dan", "el", "fur", "gin", "hal", "ist", "jor", "kel", "lum", "mor", "nix"};
        String[] words = new String[VOCABULARY];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < VOCABULARY; ) {
            int n = 2 + random.nextInt(3);
            StringBuilder word = new StringBuilder();
            for (int s = 0; s < n; s++) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            if (seen.add(word.toString())) {
                words[i++] = word.toString();
            }
        }
        return words;
    }

    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static String pick(String[] words, double[] cumulative, Random random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
    }
}
