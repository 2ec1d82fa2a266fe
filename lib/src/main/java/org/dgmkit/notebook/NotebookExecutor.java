package org.dgmkit.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Executes one notebook top to bottom in this JVM, as IJava 1.3.0 would, writing the notebook with outputs after
 * every cell (so a crash still leaves the cells run so far). Stops at the first failing cell. {@link #main} is the
 * child JVM's entry point used by {@code ./kit run}: its working directory is the notebook's folder.
 */
public final class NotebookExecutor {
    /** Child exit code when a cell failed (the output notebook holds the error). */
    public static final int EXIT_CELL_FAILED = 3;

    /** How a run ended: {@code failedCell} is the 0-based index of the failed cell, or -1. */
    public record Outcome(int failedCell, CellError error, int executed, double seconds) {
        /** Whether every cell ran without error. */
        public boolean ok() {
            return failedCell < 0;
        }
    }

    private NotebookExecutor() {
    }

    /**
     * Child entry point: {@code --input NB --output NB --name NAME [--log-output]}; the kernel loader holds the
     * kernel jars found on this JVM's class path. Exits 0, {@value #EXIT_CELL_FAILED} (failed cell) or 1.
     */
    public static void main(String[] args) {
        PrintStream terminal = System.err;
        int code;
        try {
            Path input = null;
            Path output = null;
            String name = null;
            boolean logOutput = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--input" -> input = Path.of(args[++i]);
                    case "--output" -> output = Path.of(args[++i]);
                    case "--name" -> name = args[++i];
                    case "--log-output" -> logOutput = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (input == null || output == null) {
                throw new IllegalArgumentException("usage: NotebookExecutor --input NB --output NB [--name NAME]");
            }
            Path scratch = Files.createTempDirectory("dgmkit-kernel");
            Path extracted = scratch;
            // a hook, since a cell may end the JVM itself
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(extracted)));
            List<Path> kernel = KernelClasspath.entries(
                    KernelClasspath.parse(System.getProperty("java.class.path")), scratch);
            Outcome outcome = execute(Notebook.read(input), output, name == null ? input.getFileName().toString() : name,
                    kernel, terminal, logOutput);
            code = outcome.ok() ? 0 : EXIT_CELL_FAILED;
        } catch (Throwable t) {
            terminal.println("notebook runner failed: " + t);
            t.printStackTrace(terminal);
            code = 1;
        }
        terminal.flush();
        // user code may leave non-daemon threads (thread pools, ND4J workers) behind
        System.exit(code);
    }

    /** Removes the extracted shim folder (a leftover in the temp folder would only waste a few kB). */
    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    /**
     * Executes {@code notebook}'s code cells in order and writes the result to {@code output} after each cell.
     * Progress lines go to {@code progress}; with {@code logOutput} cell output is echoed there too.
     */
    public static Outcome execute(Notebook notebook, Path output, String name, List<Path> kernelEntries,
            PrintStream progress, boolean logOutput) {
        Instant started = Instant.now();
        List<Integer> codeCells = new ArrayList<>();
        for (int i = 0; i < notebook.size(); i++) {
            if (Notebook.type(notebook.cell(i)).equals("code")) {
                clear(notebook.cell(i));
                if (!Notebook.source(notebook.cell(i)).isBlank()) {
                    codeCells.add(i);
                }
            }
        }
        describe(notebook, started, null, -1);
        notebook.write(output);

        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        StreamCapture stdout = new StreamCapture("stdout", logOutput ? progress : null);
        StreamCapture stderr = new StreamCapture("stderr", logOutput ? progress : null);
        CellOutputs[] current = new CellOutputs[1];
        int failed = -1;
        CellError error = null;
        int executed = 0;
        try (KernelClassLoader loader = new KernelClassLoader(kernelEntries);
                NotebookKernel kernel = new NotebookKernel(loader, json -> {
                    CellOutputs outputs = current[0];
                    if (outputs != null) {
                        outputs.display(json);
                    }
                })) {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            for (int k = 0; k < codeCells.size(); k++) {
                int index = codeCells.get(k);
                JsonObject cell = notebook.cell(index);
                int count = k + 1;
                progress.printf(Locale.ROOT, "[kit run] %s: cell %d/%d (notebook cell %d) ... elapsed %s%n",
                        name, k + 1, codeCells.size(), index + 1, seconds(started));
                CellOutputs outputs = new CellOutputs();
                current[0] = outputs;
                stdout.target(outputs);
                stderr.target(outputs);
                Instant cellStart = Instant.now();
                try {
                    Object value = kernel.eval(Notebook.source(cell));
                    System.out.flush();
                    System.err.flush();
                    if (value != null) {
                        outputs.result(kernel.renderResult(value), count);
                    }
                } catch (Exception e) {
                    error = kernel.formatError(e);
                    outputs.error(error);
                    failed = index;
                } finally {
                    System.out.flush();
                    System.err.flush();
                    stdout.target(null);
                    stderr.target(null);
                    current[0] = null;
                }
                Instant cellEnd = Instant.now();
                executed++;
                cell.add("execution_count", new JsonPrimitive(count));
                cell.add("outputs", outputs.toJson());
                timing(cell, cellStart, cellEnd);
                describe(notebook, started, Instant.now(), failed);
                notebook.write(output);
                if (failed >= 0) {
                    progress.printf(Locale.ROOT, "[kit run] %s: cell %d/%d (notebook cell %d) FAILED after %s: %s%n",
                            name, k + 1, codeCells.size(), index + 1, seconds(cellStart), error.ename());
                    break;
                }
            }
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        describe(notebook, started, Instant.now(), failed);
        notebook.write(output);
        if (failed < 0) {
            progress.printf(Locale.ROOT, "[kit run] %s: %d cells ok in %.1f s -> %s%n", name, executed, wall, output);
        }
        return new Outcome(failed, error, executed, wall);
    }

    private static void clear(JsonObject cell) {
        cell.add("execution_count", null);
        cell.add("outputs", new JsonArray());
        JsonObject metadata = Notebook.object(cell, "metadata");
        metadata.remove("execution");
        metadata.remove("dgmkit");
    }

    private static void timing(JsonObject cell, Instant start, Instant end) {
        JsonObject metadata = Notebook.object(cell, "metadata");
        // the keys nbclient records, so tools reading papermill/nbclient timings work here too
        JsonObject execution = new JsonObject();
        execution.addProperty("iopub.execute_input", start.toString());
        execution.addProperty("iopub.status.busy", start.toString());
        execution.addProperty("iopub.status.idle", end.toString());
        execution.addProperty("shell.execute_reply", end.toString());
        metadata.add("execution", execution);
        JsonObject dgmkit = new JsonObject();
        dgmkit.addProperty("wall_seconds", Duration.between(start, end).toMillis() / 1000.0);
        metadata.add("dgmkit", dgmkit);
    }

    private static void describe(Notebook notebook, Instant started, Instant ended, int failed) {
        JsonObject metadata = notebook.metadata();
        JsonObject language = new JsonObject();
        // what IJava 1.3.0 reports as language_info
        language.addProperty("name", "Java");
        language.addProperty("version", Runtime.version().toString());
        language.addProperty("mimetype", "text/x-java-source");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "java");
        metadata.add("language_info", language);
        if (!metadata.has("kernelspec")) {
            JsonObject spec = new JsonObject();
            spec.addProperty("name", "java");
            spec.addProperty("display_name", "Java");
            spec.addProperty("language", "java");
            metadata.add("kernelspec", spec);
        }
        JsonObject run = Notebook.object(metadata, "dgmkit");
        run.addProperty("engine", "jshell (IJava 1.3.0 semantics)");
        run.addProperty("start_time", started.toString());
        if (ended == null) {
            run.remove("end_time");
            run.remove("wall_seconds");
            run.addProperty("status", "running");
        } else {
            run.addProperty("end_time", ended.toString());
            run.addProperty("wall_seconds", Duration.between(started, ended).toMillis() / 1000.0);
            run.addProperty("status", failed < 0 ? "ok" : "failed");
        }
        if (failed >= 0) {
            run.addProperty("failed_cell", failed + 1);
        } else {
            run.remove("failed_cell");
        }
    }

    private static String seconds(Instant since) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
