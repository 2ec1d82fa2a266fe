package org.dgmkit.cli;

/** A wrong command, flag or argument on the command line: the launcher prints the message and usage, and exits 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
