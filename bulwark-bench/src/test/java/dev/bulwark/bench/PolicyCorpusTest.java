package dev.bulwark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.policy.PolicyLoad;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark corpora are real policy sets: they validate strictly and none of them can never match. */
class PolicyCorpusTest {
    @TempDir
    Path dir;

    @Test
    void theMixedCorpusValidatesWithoutWarnings() throws IOException {
        PolicyCorpus.write(dir, 2_000, 42);
        assertThat(CedarPolicyEngine.validate(dir)).isEqualTo(new PolicyLoad.Loaded(2_000));
    }

    @Test
    void theFleetCorpusValidatesWithoutWarnings() throws IOException {
        PolicyDecisionBench.Fleet.write(dir, 2_000, 42);
        assertThat(CedarPolicyEngine.validate(dir)).isEqualTo(new PolicyLoad.Loaded(2_000));
    }
}
