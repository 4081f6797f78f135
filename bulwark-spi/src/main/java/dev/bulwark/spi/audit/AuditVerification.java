package dev.bulwark.spi.audit;

import dev.bulwark.spi.Checks;

/** The result of checking the whole chain and its signed checkpoints. */
public sealed interface AuditVerification permits AuditVerification.Intact, AuditVerification.Broken {

    boolean intact();

    /** Every record and checkpoint verified. */
    record Intact(long records, long checkpoints) implements AuditVerification {
        @Override
        public boolean intact() {
            return true;
        }
    }

    /**
     * @param sequence the first record where the chain no longer verifies
     * @param problem  what is wrong: modified, missing, reordered, truncated, bad checkpoint signature
     */
    record Broken(long sequence, String problem) implements AuditVerification {
        public Broken {
            Checks.nonBlank(problem, "problem");
        }

        @Override
        public boolean intact() {
            return false;
        }
    }
}
