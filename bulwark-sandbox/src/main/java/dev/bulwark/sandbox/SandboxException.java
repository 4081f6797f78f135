package dev.bulwark.sandbox;

/** A run could not be carried out (the sandbox failed to start, its framing was broken, the gateway is busy). */
public class SandboxException extends Exception {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
