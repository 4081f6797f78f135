package dev.bulwark.server.conformance;

/**
 * How one conformance scenario went: the counts of its checks by status. A scenario passes when it ran and none of its
 * checks failed (warnings are SHOULD-level findings and do not fail it, as in the suite's own summary).
 *
 * @param scenario the scenario's name, e.g. {@code tools-call-simple-text}
 * @param ran      whether the suite wrote its checks (a crash or a timeout leaves none)
 */
record ScenarioResult(String scenario, boolean ran, int passed, int failed, int warnings) {
    ScenarioResult {
        if (scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException("scenario name is required");
        }
        if (passed < 0 || failed < 0 || warnings < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    static ScenarioResult missing(String scenario) {
        return new ScenarioResult(scenario, false, 0, 0, 0);
    }

    boolean passes() {
        return ran && failed == 0;
    }

    /** "pass", "FAIL (2 failed)" or "FAIL (no result)", for the matrix. */
    String verdict() {
        if (!ran) {
            return "FAIL (no result)";
        }
        return failed == 0 ? "pass" : "FAIL (" + failed + " of " + (passed + failed) + " checks)";
    }
}
