package org.dgmkit.notebook;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A cell's error as Jupyter records it: {@code ename} (the exception's simple name, as IJava's base kernel sends
 * it), {@code evalue} (its message) and the traceback lines (with IJava's ANSI styling).
 */
public record CellError(String ename, String evalue, List<String> traceback) {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    /** The traceback without ANSI colour codes, one line each, for terminal messages. */
    public String plainTraceback() {
        StringBuilder text = new StringBuilder();
        for (String line : traceback) {
            text.append(ANSI.matcher(line).replaceAll("")).append('\n');
        }
        return text.toString();
    }
}
