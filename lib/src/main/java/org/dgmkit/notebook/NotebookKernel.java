package org.dgmkit.notebook;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * One notebook's JShell, set up and driven as IJava 1.3.0's kernel does: local execution in this JVM, user code on
 * top of the {@link KernelClassLoader}, IJava's startup script run before the first cell, cells rewritten for
 * magics and then split into snippets with {@code analyzeCompletion}; a cell's result is the value of its last
 * snippet if that is an expression (or a variable name), nothing otherwise.
 */
public final class NotebookKernel implements AutoCloseable {
    /** IJava 1.3.0's ijava-jshell-init.jshell: its imports (not JShell's tool defaults) and {@code printf}. */
    static final String STARTUP_SCRIPT = """
            import java.util.*;
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.util.concurrent.*;
            import java.util.prefs.*;
            import java.util.regex.*;

            import static io.github.spencerpark.ijava.runtime.Display.*;
            import static io.github.spencerpark.ijava.runtime.Kernel.*;
            import static io.github.spencerpark.ijava.runtime.Magics.*;

            public void printf(String format, Object... args) {
                System.out.printf(format, args);
            }
            """;

    private static final String BRIDGE = "io.github.spencerpark.ijava.runtime.HeadlessKernel";

    private final JShell shell;
    private final CapturingExecutionControlProvider provider;
    private final SourceCodeAnalysis analysis;
    private final MagicsTransformer magics = new MagicsTransformer();
    private final ErrorFormatter errors;
    private final Method renderResult;
    private boolean initialized;

    /**
     * Starts JShell over the kernel loader; {@code displaySink} receives each {@code display(...)} call's data as
     * JSON ({@code {"data":{...},"metadata":{...}}}), on the thread running the cell.
     */
    public NotebookKernel(KernelClassLoader kernelLoader, Consumer<String> displaySink) {
        SnippetLoaderDelegate delegate = new SnippetLoaderDelegate(new SnippetClassLoader(kernelLoader));
        this.provider = new CapturingExecutionControlProvider(delegate);
        this.shell = buildShell(kernelLoader.entries(), provider);
        this.analysis = shell.sourceCodeAnalysis();
        this.errors = new ErrorFormatter(shell);
        try {
            Class<?> bridge = Class.forName(BRIDGE, true, kernelLoader);
            Consumer<String> addToClasspath = shell::addToClasspath;
            bridge.getMethod("install", Consumer.class, Consumer.class).invoke(null, displaySink, addToClasspath);
            this.renderResult = bridge.getMethod("renderResultJson", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the kernel class path lacks the IJava runtime shim " + BRIDGE, e);
        }
    }

    private static JShell buildShell(List<Path> compilerClasspath, CapturingExecutionControlProvider provider) {
        // JShell's compiler starts from java.class.path: show it exactly what the kernel loader holds
        String saved = System.getProperty("java.class.path");
        System.setProperty("java.class.path", compilerClasspath.stream()
                .map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        try {
            return JShell.builder()
                    .out(new PrintStream(new LazyStream(true), true))
                    .err(new PrintStream(new LazyStream(false), true))
                    .in(InputStream.nullInputStream())
                    .executionEngine(provider, Map.of())
                    .build();
        } finally {
            System.setProperty("java.class.path", saved);
        }
    }

    /**
     * Evaluates one cell and returns its result object (null when the cell has none).
     *
     * @throws CompilationException a snippet did not compile
     * @throws IncompleteSourceException the cell ends mid-statement
     * @throws JShellException the code threw ({@code EvalException}) or used something undefined
     */
    public Object eval(String cellSource) throws Exception {
        if (!initialized) {
            // as IJava: the startup script runs with the first cell, so its failure shows there
            initialized = true;
            evalSource(STARTUP_SCRIPT);
        }
        return evalSource(magics.transform(cellSource));
    }

    private Object evalSource(String code) throws Exception {
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info;
        for (info = analysis.analyzeCompletion(code); info.completeness().isComplete();
                info = analysis.analyzeCompletion(info.remaining())) {
            last = evalSnippet(info.source());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            throw new IncompleteSourceException(info.remaining().trim());
        }
        return last;
    }

    private Object evalSnippet(String code) throws Exception {
        List<SnippetEvent> events = shell.eval(code);
        Object result = null;
        // take every stored value first, so an exception below cannot leak one
        for (SnippetEvent event : events) {
            String key = event.value();
            if (key == null) {
                continue;
            }
            Snippet.SubKind kind = event.snippet().subKind();
            // statements run too, but JShell (JDK 12+) reports "" instead of their key: nothing to take
            Object value = kind.isExecutable() && kind.hasValue() ? provider.control().takeResult(key) : key;
            result = switch (kind) {
                case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> value;
                default -> null;
            };
        }
        provider.control().clearResults(); // values JShell did not report (statements) must not pile up
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                JShellException thrown = event.exception();
                if (thrown != null) {
                    throw thrown;
                }
                if (!event.status().isDefined()) {
                    throw new CompilationException(event);
                }
            }
        }
        return result;
    }

    /** A cell result rendered as IJava renders it, as JSON {@code {"data":{...},"metadata":{...}}}. */
    public String renderResult(Object value) throws Exception {
        try {
            return (String) renderResult.invoke(null, value);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Jupyter's error fields for an exception from {@link #eval} or {@link #renderResult}. */
    public CellError formatError(Exception e) {
        return errors.format(e);
    }

    @Override
    public void close() {
        shell.close();
    }

    /** JShell's own out/err go wherever System.out/err point at the time (as IJava's lazy delegates). */
    private static final class LazyStream extends OutputStream {
        private final boolean out;

        LazyStream(boolean out) {
            this.out = out;
        }

        private PrintStream target() {
            return out ? System.out : System.err;
        }

        @Override
        public void write(int b) {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target().write(b, off, len);
        }

        @Override
        public void flush() {
            target().flush();
        }
    }
}
