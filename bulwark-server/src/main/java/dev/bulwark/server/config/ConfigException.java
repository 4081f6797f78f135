package dev.bulwark.server.config;

/** The configuration could not be read; the message names the file, line and column where known. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
