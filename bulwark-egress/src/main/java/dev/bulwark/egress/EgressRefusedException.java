package dev.bulwark.egress;

/** A URL or an address that egress must not reach; the message says why and is shown to the agent. */
public final class EgressRefusedException extends Exception {
    public EgressRefusedException(String message) {
        super(message);
    }
}
