package dev.bulwark.server.cli;

import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.guards.detect.PiiDetectorSettings;
import dev.bulwark.guards.eval.EvaluationReport;
import dev.bulwark.guards.eval.PiiEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pii", description = "PII detection tools.", subcommands = {PiiCommand.Evaluate.class})
final class PiiCommand {

    @Command(name = "evaluate", description = "Score the PII detector on a labelled file in presidio-research's "
            + "format: precision, recall, F2 (type-agnostic, token IoU >= 0.9) and recall per type.")
    static final class Evaluate implements Callable<Integer> {
        @Parameters(index = "0", description = "JSON file of {full_text, spans[{entity_type, start_position, end_position}]}")
        Path file;
        @Option(names = "--min-score", description = "ignore findings below this score (default 0.35)")
        Double minScore;

        @Override
        public Integer call() throws Exception {
            PiiDetectorSettings settings = PiiDetectorSettings.defaults();
            if (minScore != null) {
                settings = settings.withMinScore(minScore);
            }
            EvaluationReport report = new PiiEvaluation(new PatternPiiDetector(settings)).evaluate(file);
            System.out.println(report.describe());
            return 0;
        }
    }
}
