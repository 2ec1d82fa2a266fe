package org.dgmkit.data.kpi;

import org.dgmkit.cli.KitException;

/**
 * A KPI corpus file or folder that does not have the expected form; the message names the file, the line where
 * known, and the cause ({@code file:line: what}, the shape of {@link org.dgmkit.data.nab.NabFormatException}).
 */
public class KpiFormatException extends KitException {
    /** An error with a message naming the file (and line) and what was expected. */
    public KpiFormatException(String message) {
        super(message);
    }

    /** As {@link #KpiFormatException(String)}, with the underlying cause. */
    public KpiFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file:line: what" — the one message shape every KPI reader error uses. */
    static KpiFormatException at(Object file, int line, String what) {
        return new KpiFormatException(file + ":" + line + ": " + what);
    }
}
