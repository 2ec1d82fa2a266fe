package org.dgmkit.cli;

/** A failure a command reports in one line (missing file, bad data, failed notebook): exit code 1. */
public class KitException extends RuntimeException {
    public KitException(String message) {
        super(message);
    }

    public KitException(String message, Throwable cause) {
        super(message, cause);
    }
}
