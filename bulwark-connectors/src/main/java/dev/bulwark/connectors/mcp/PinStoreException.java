package dev.bulwark.connectors.mcp;

/** The pin store could not be read or written. */
public class PinStoreException extends RuntimeException {
    public PinStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
