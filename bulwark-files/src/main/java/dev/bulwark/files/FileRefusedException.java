package dev.bulwark.files;

/** A path or file the connector must not touch; the message says why and is shown to the agent. */
public final class FileRefusedException extends Exception {
    public FileRefusedException(String message) {
        super(message);
    }
}
