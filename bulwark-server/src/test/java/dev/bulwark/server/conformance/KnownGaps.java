package dev.bulwark.server.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checked-in list of conformance scenarios that pass against the reference server directly but not yet through
 * the gateway, one per line: {@code <scenario> <reason>}; {@code #} starts a comment. The list can only shrink: a
 * listed scenario that now passes through the gateway is an error too, so the fix removes its line.
 */
record KnownGaps(Map<String, String> reasons) {
    private static final Pattern LINE = Pattern.compile("([a-z0-9][a-z0-9-]*)\\s+(\\S.*)");

    KnownGaps {
        reasons = Map.copyOf(reasons);
    }

    static KnownGaps read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    /** @throws IllegalArgumentException for a line without a reason, or a scenario listed twice */
    static KnownGaps parse(List<String> lines) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("known gaps line " + (i + 1) + " needs '<scenario> <reason>': "
                        + line);
            }
            if (reasons.put(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("known gaps line " + (i + 1) + " lists " + m.group(1) + " again");
            }
        }
        return new KnownGaps(reasons);
    }

    /**
     * Everything wrong with the gateway's results given the direct ones and this list; empty when all is as listed.
     *
     * @param scenarios every server scenario of the suite
     */
    List<String> violations(Set<String> scenarios, Map<String, ScenarioResult> direct,
                            Map<String, ScenarioResult> gateway) {
        List<String> problems = new ArrayList<>();
        for (String listed : reasons.keySet()) {
            if (!scenarios.contains(listed)) {
                problems.add(listed + ": listed as a known gap but the suite has no such server scenario");
            }
        }
        for (String scenario : scenarios) {
            ScenarioResult d = direct.getOrDefault(scenario, ScenarioResult.missing(scenario));
            ScenarioResult g = gateway.getOrDefault(scenario, ScenarioResult.missing(scenario));
            if (!d.passes()) {
                problems.add(scenario + ": fails directly against the reference server (" + d.verdict()
                        + "); the harness or the pinned reference is broken");
                continue;
            }
            boolean listed = reasons.containsKey(scenario);
            if (!g.passes() && !listed) {
                problems.add(scenario + ": passes directly but fails through the gateway (" + g.verdict() + ")");
            } else if (g.passes() && listed) {
                problems.add(scenario + ": now passes through the gateway; remove it from the known gaps");
            }
        }
        return problems;
    }
}
