package org.dgmkit.data.nab;

import org.dgmkit.cli.KitException;

/** A NAB file (data, labels, profiles or detector results) that does not have the expected form; the message
 * names the file, the line where known, and what was expected. */
public class NabFormatException extends KitException {
    /** An error with a message naming the file (and line) and what was expected. */
    public NabFormatException(String message) {
        super(message);
    }

    /** As {@link #NabFormatException(String)}, with the underlying cause. */
    public NabFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file:line: what" — the one message shape every NAB reader uses. */
    static NabFormatException at(Object file, int line, String what) {
        return new NabFormatException(file + ":" + line + ": " + what);
    }
}
