package dev.bulwark.spi.identity;

/** Whether an agent may act. A suspended agent's tokens are refused on its next call. */
public enum AgentStatus {
    ACTIVE,
    SUSPENDED
}
