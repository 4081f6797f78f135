package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;

/** A newly registered agent and its API key; the key is never retrievable again. */
public record AgentRegistration(Agent agent, ApiKey apiKey) {
    public AgentRegistration {
        Checks.present(agent, "agent");
        Checks.present(apiKey, "apiKey");
    }
}
