package org.dgmkit.notebook;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell's error as Jupyter records it: {@code ename} (the exception's simple name, as IJava's base kernel sends
 * it), {@code evalue} (its message) and the traceback lines (with IJava's ANSI styling).
 */
public record CellError(String ename, String evalue, List<String> traceback) {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[([;\\d]*)m");
    private static final String HIGHLIGHT = "41"; // IJava marks the offending span of a compile error red

    /**
     * The traceback without ANSI colour codes, one line each, for terminal messages; the span IJava highlights in a
     * compile error is underlined with carets on an extra line.
     */
    public String plainTraceback() {
        StringBuilder text = new StringBuilder();
        for (String line : traceback) {
            StringBuilder plain = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            boolean highlighted = false;
            int at = 0;
            Matcher m = ANSI.matcher(line);
            while (m.find()) {
                append(plain, marks, line.substring(at, m.start()), highlighted);
                if (m.group(1).equals(HIGHLIGHT)) {
                    highlighted = true;
                } else if (m.group(1).equals("0")) {
                    highlighted = false;
                }
                at = m.end();
            }
            append(plain, marks, line.substring(at), highlighted);
            text.append(plain).append('\n');
            if (marks.indexOf("^") >= 0) {
                text.append(marks.toString().stripTrailing()).append('\n');
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder plain, StringBuilder marks, String part, boolean highlighted) {
        plain.append(part);
        for (int i = 0; i < part.length(); i++) {
            marks.append(highlighted ? '^' : part.charAt(i) == '\t' ? '\t' : ' ');
        }
    }
}
