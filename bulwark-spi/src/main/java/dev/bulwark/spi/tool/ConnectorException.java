package dev.bulwark.spi.tool;

/**
 * A connector could not carry out a call (backend down, timeout, tool blocked). The message is shown to the agent,
 * so it must not contain credentials or internal details.
 */
public class ConnectorException extends Exception {
    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
