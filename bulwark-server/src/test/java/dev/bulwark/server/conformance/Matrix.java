package dev.bulwark.server.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scenario matrix as a Markdown table: direct and gateway verdicts, and the listed reason or first failure. */
final class Matrix {
    private Matrix() {}

    static String render(Set<String> scenarios, Map<String, ScenarioResult> direct,
                         Map<String, ScenarioResult> gateway, KnownGaps gaps, Path gatewayOut) throws IOException {
        StringBuilder md = new StringBuilder("| scenario | direct | through Bulwark | known gap / first failure |\n"
                + "|---|---|---|---|\n");
        int directPasses = 0;
        int gatewayPasses = 0;
        for (String s : scenarios) {
            ScenarioResult d = direct.getOrDefault(s, ScenarioResult.missing(s));
            ScenarioResult g = gateway.getOrDefault(s, ScenarioResult.missing(s));
            directPasses += d.passes() ? 1 : 0;
            gatewayPasses += g.passes() ? 1 : 0;
            String note = gaps.reasons().getOrDefault(s, "");
            if (!g.passes()) {
                List<String> failures = ConformanceSuite.failureMessages(gatewayOut, s);
                if (!failures.isEmpty()) {
                    note = (note.isEmpty() ? "" : note + " — ") + "saw: " + failures.getFirst();
                }
            }
            md.append("| ").append(s).append(" | ").append(d.verdict()).append(" | ").append(g.verdict())
                    .append(" | ").append(note.replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        md.append("\nDirect: ").append(directPasses).append(" of ").append(scenarios.size())
                .append(" pass; through Bulwark: ").append(gatewayPasses).append(" of ").append(scenarios.size())
                .append(".\n");
        return md.toString();
    }
}
