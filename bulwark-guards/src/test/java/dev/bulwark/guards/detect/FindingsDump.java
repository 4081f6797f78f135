package dev.bulwark.guards.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.guards.eval.LabelledText;
import dev.bulwark.guards.eval.PiiEvaluation;
import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Writes every finding of every recognizer (raw candidates, sorted) and of the whole detector at minimum score 0 for a
 * large set of texts, so two builds can be compared byte for byte after a change meant to keep findings identical
 * (a speed-up). Texts: the evaluation set, the golden-case inputs, every message text of the AgentDojo traces given
 * as arguments ({@code .jsonl.gz}), and three variants of each (lower case, upper case, spaces as line breaks) to reach
 * branches the originals do not. A plain main, not a test. Usage: {@code FindingsDump OUT [TRACES.jsonl.gz ...]}.
 */
public final class FindingsDump {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparingInt(Finding::end).thenComparing(Finding::type).thenComparing(Finding::detector)
            .thenComparingDouble(Finding::score);

    private FindingsDump() {}

    public static void main(String[] args) throws IOException {
        Set<String> texts = new LinkedHashSet<>();
        try (InputStream in = FindingsDump.class.getResourceAsStream("/pii-eval/synth_dataset_v2.json")) {
            for (LabelledText s : PiiEvaluation.read(in)) {
                texts.add(s.text());
            }
        }
        Path golden = Path.of("src/test/resources/recognizers");
        if (Files.isDirectory(golden)) {
            try (Stream<Path> dirs = Files.list(golden)) {
                for (Path d : dirs.sorted().toList()) {
                    texts.add(Files.readString(d.resolve("input.txt"), StandardCharsets.UTF_8));
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (int a = 1; a < args.length; a++) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(Path.of(args[a]))), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    collectContent(json.readTree(line), texts);
                }
            }
        }
        List<String> all = new ArrayList<>();
        for (String t : texts) {
            all.add(t);
            all.add(t.toLowerCase(Locale.ROOT));
            all.add(t.toUpperCase(Locale.ROOT));
            all.add(t.replace(' ', '\n'));
        }
        List<Recognizer> recognizers = List.of(new SecretRecognizer(), new EmailRecognizer(), new NetworkRecognizer(),
                new FinancialRecognizer(), new DateRecognizer(),
                new PhoneRecognizer(PiiDetectorSettings.defaults().phoneRegions()), new AddressRecognizer(),
                new ProperNounRecognizer(WordLists.shared()), new MiscRecognizer());
        PatternPiiDetector detector = new PatternPiiDetector(PiiDetectorSettings.defaults().withMinScore(0));
        long lines = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
            for (int i = 0; i < all.size(); i++) {
                String text = all.get(i);
                ScanText scan = ScanText.of(text);
                for (Recognizer r : recognizers) {
                    Candidates c = new Candidates(scan, Integer.MAX_VALUE);
                    r.recognize(scan.text(), c);
                    List<Finding> raw = new ArrayList<>(c.all());
                    raw.sort(ORDER);
                    for (Finding f : raw) {
                        out.println(i + " " + r.getClass().getSimpleName() + " " + line(f));
                        lines++;
                    }
                }
                for (Finding f : detector.detect(text)) {
                    out.println(i + " detect " + line(f));
                    lines++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d texts, %d lines written to %s%n", all.size(), lines, args[0]);
    }

    private static String line(Finding f) {
        return f.type() + " " + f.start() + " " + f.end() + " " + f.score() + " " + f.detector();
    }

    private static void collectContent(JsonNode node, Set<String> texts) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("content") && e.getValue().isTextual() && e.getValue().asText().length() > 10) {
                    texts.add(e.getValue().asText());
                } else {
                    collectContent(e.getValue(), texts);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectContent(n, texts));
        }
    }
}
