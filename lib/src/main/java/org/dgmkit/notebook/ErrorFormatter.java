package org.dgmkit.notebook;

import io.github.spencerpark.jupyter.kernel.util.StringStyler;
import io.github.spencerpark.jupyter.kernel.util.TextColor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns a failed cell's exception into Jupyter's error fields the way IJava 1.3.0 does ({@code JavaKernel.formatError}
 * and the base kernel's {@code PublishError}): compile errors show the snippet with the offending span highlighted
 * and the compiler's message; runtime exceptions show the stack trace under the real exception class name. One
 * difference: a runtime exception's causes are listed (IJava drops them), each under its own class name.
 */
final class ErrorFormatter {
    private static final String SEPARATOR = "---------------------------------------------------------------------------";

    private final JShell shell;
    private final StringStyler styler = new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_BLACK_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_BLACK_FG)
            .addHighlightStyle(TextColor.RED_BG)
            .withLinePrefix(TextColor.BOLD_BLACK_FG + "|   ")
            .build();
    private final StringStyler baseStyler = new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_BLACK_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_BLACK_FG)
            .addHighlightStyle(TextColor.RED_BG)
            .build();

    ErrorFormatter(JShell shell) {
        this.shell = shell;
    }

    CellError format(Exception e) {
        String message = e.getLocalizedMessage();
        return new CellError(e.getClass().getSimpleName(), message == null ? "" : message, traceback(e));
    }

    private List<String> traceback(Exception e) {
        if (e instanceof CompilationException c) {
            return compilation(c);
        } else if (e instanceof IncompleteSourceException i) {
            List<String> lines = new ArrayList<>();
            lines.add(styler.secondary("Incomplete input:"));
            lines.addAll(styler.primaryLines(i.getSource()));
            return lines;
        } else if (e instanceof EvalException eval) {
            return evalException(eval);
        } else if (e instanceof UnresolvedReferenceException u) {
            return unresolved(u.getSnippet());
        }
        return stackTrace(e);
    }

    private List<String> compilation(CompilationException e) {
        List<String> lines = new ArrayList<>();
        SnippetEvent event = e.getBadSnippetCompilation();
        Snippet snippet = event.snippet();
        shell.diagnostics(snippet).forEach(d -> {
            if (d.getStartPosition() >= 0 && d.getEndPosition() >= 0) {
                lines.addAll(styler.highlightSubstringLines(snippet.source(),
                        (int) d.getStartPosition(), (int) d.getEndPosition()));
            } else {
                lines.addAll(styler.primaryLines(snippet.source()));
            }
            for (String line : StringStyler.splitLines(d.getMessage(null))) {
                if (!line.trim().startsWith("location:")) {
                    lines.add(styler.secondary(line));
                }
            }
            lines.add("");
        });
        if (snippet instanceof DeclarationSnippet declaration) {
            lines.addAll(unresolved(declaration));
        }
        return lines;
    }

    private List<String> unresolved(DeclarationSnippet snippet) {
        List<String> lines = new ArrayList<>();
        List<String> dependencies = shell.unresolvedDependencies(snippet).collect(Collectors.toList());
        if (!dependencies.isEmpty()) {
            lines.addAll(styler.primaryLines(snippet.source()));
            lines.add(styler.secondary("Unresolved dependencies:"));
            dependencies.forEach(dep -> lines.add(styler.secondary("   - " + dep)));
        }
        return lines;
    }

    private List<String> evalException(EvalException e) {
        // printStackTrace names every level "jdk.jshell.EvalException"; put the user's class names back
        List<String> names = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            names.add(t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName());
        }
        String evalName = EvalException.class.getName();
        List<String> lines = new ArrayList<>();
        int level = 0;
        for (String line : stackTrace(e)) {
            String plain = line;
            if (line.contains(evalName) && level < names.size()) {
                plain = line.replace(evalName, names.get(level));
                level++;
            }
            lines.add(plain);
        }
        return lines;
    }

    private List<String> stackTrace(Throwable e) {
        List<String> lines = new ArrayList<>();
        lines.add(baseStyler.secondary(SEPARATOR));
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            e.printStackTrace(writer);
        }
        lines.addAll(baseStyler.secondaryLines(text.toString()));
        return lines;
    }
}
