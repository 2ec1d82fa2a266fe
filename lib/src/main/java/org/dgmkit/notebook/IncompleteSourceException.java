package org.dgmkit.notebook;

/** A cell that ends in the middle of a statement (IJava's exception of the same name). */
public final class IncompleteSourceException extends Exception {
    private final String source;

    IncompleteSourceException(String source) {
        super(source);
        this.source = source;
    }

    /** The unfinished trailing source. */
    public String getSource() {
        return source;
    }
}
