package dev.bulwark.spi.policy;

import dev.bulwark.spi.Checks;

/**
 * Something the gateway must do for an allowed call to proceed, carried by a policy annotation: {@code @approval("...")}
 * becomes {@code Obligation("approval", "...", policyId)}.
 */
public record Obligation(String name, String value, String policyId) {
    public static final String APPROVAL = "approval";

    public Obligation {
        Checks.nonBlank(name, "obligation name");
        Checks.present(value, "obligation value");
        Checks.nonBlank(policyId, "policyId");
    }
}
