package dev.bulwark.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A labelled evaluation set ({@code injection-eval/<name>.jsonl}: one {@code {label, family, text}} per line, label
 * {@code injection} or {@code benign}) and the detector's rates on it at a threshold.
 */
record LabelledTexts(String name, List<Sample> samples) {

    record Sample(boolean injection, String family, String text) {
    }

    /** The tool names of the demo gateway, as the server's tool registry reports them. */
    static final List<String> DEMO_TOOLS = List.of("crm.find_customers", "crm.get_customer",
            "crm.update_customer_note", "crm.delete_customer", "docs.search", "sales.query", "sales.tables");

    private static final ObjectMapper JSON = new ObjectMapper();

    static LabelledTexts bundled(String name) {
        List<Sample> samples = new ArrayList<>();
        try (InputStream in = LabelledTexts.class.getResourceAsStream("/injection-eval/" + name + ".jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                String label = n.path("label").asText();
                if (!label.equals("injection") && !label.equals("benign")) {
                    throw new IllegalArgumentException("bad label in " + name + ": " + label);
                }
                samples.add(new Sample(label.equals("injection"), n.path("family").asText(), n.path("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabelledTexts(name, List.copyOf(samples));
    }

    record Rates(int positives, int detected, int negatives, int falseAlarms, Map<String, int[]> missedByFamily,
                 List<Sample> missed, List<Sample> falseAlarmSamples) {
        double detectionRate() {
            return positives == 0 ? 0 : (double) detected / positives;
        }

        double falsePositiveRate() {
            return negatives == 0 ? 0 : (double) falseAlarms / negatives;
        }

        String line(String set, double threshold) {
            return String.format(Locale.ROOT,
                    "%-6s threshold %.2f  detection %5.1f%% (%d/%d)  false positives %4.1f%% (%d/%d)", set, threshold,
                    100 * detectionRate(), detected, positives, 100 * falsePositiveRate(), falseAlarms, negatives);
        }
    }

    Rates rates(HeuristicInjectionDetector detector, double threshold) {
        int positives = 0;
        int detected = 0;
        int negatives = 0;
        int falseAlarms = 0;
        Map<String, int[]> byFamily = new TreeMap<>();
        List<Sample> missed = new ArrayList<>();
        List<Sample> falseAlarmSamples = new ArrayList<>();
        for (Sample s : samples) {
            boolean flagged = detector.assess(s.text()).score() >= threshold;
            if (s.injection()) {
                positives++;
                int[] counts = byFamily.computeIfAbsent(obfuscation(s.family()), k -> new int[2]);
                counts[1]++;
                if (flagged) {
                    detected++;
                    counts[0]++;
                } else {
                    missed.add(s);
                }
            } else {
                negatives++;
                if (flagged) {
                    falseAlarms++;
                    falseAlarmSamples.add(s);
                }
            }
        }
        return new Rates(positives, detected, negatives, falseAlarms, byFamily, missed, falseAlarmSamples);
    }

    /** The obfuscation part of a family name {@code <phrasing>/<obfuscation>/<carrier>}. */
    private static String obfuscation(String family) {
        String[] parts = family.split("/");
        return parts.length >= 2 ? parts[1] : family;
    }
}
