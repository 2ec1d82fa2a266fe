package org.dgmkit.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dgmkit.cli.KitException;

/**
 * The default engine: each notebook runs in a fresh child JVM ({@link NotebookExecutor}) whose working directory is
 * the notebook's folder (Java cannot change directory, and Jupyter runs a notebook there), with
 * {@code OMP_WAIT_POLICY=passive}, the given heap and off-heap limits to match ({@link NativeMemoryLimits}). The
 * child's class path is this JVM's own.
 */
final class ChildJvmEngine {
    private static final int TRACEBACK_LINES = 25;

    private final String heap;
    private final boolean logOutput;
    private final PrintStream terminal;

    ChildJvmEngine(String heap, boolean logOutput, PrintStream terminal) {
        this.heap = heap;
        this.logOutput = logOutput;
        this.terminal = terminal;
    }

    /** Runs one notebook; throws {@link KitException} naming notebook, cell and error if a cell fails. */
    void run(PreparedNotebook prepared) {
        Path input;
        try {
            input = Files.createTempFile("dgmkit-run-", ".ipynb");
        } catch (IOException e) {
            throw new KitException("cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            prepared.notebook().write(input);
            int code = launch(prepared, input);
            if (code == NotebookExecutor.EXIT_CELL_FAILED) {
                throw new KitException(failureMessage(prepared));
            } else if (code == 0 && !finished(prepared.output())) {
                throw new KitException("notebook " + prepared.label() + ": the notebook JVM stopped before the last cell"
                        + " (System.exit in a cell?); partial notebook: " + prepared.output());
            } else if (code != 0) {
                throw new KitException("notebook " + prepared.label() + ": the notebook JVM exited with code " + code
                        + " (see the messages above; out of memory? try --heap)"
                        + (Files.exists(prepared.output()) ? "; partial notebook: " + prepared.output() : ""));
            }
        } finally {
            try {
                Files.deleteIfExists(input);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    private int launch(PreparedNotebook prepared, Path input) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(NativeMemoryLimits.jvmOptions(heap));
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(KernelClasspath.parse(System.getProperty("java.class.path")).stream()
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(NotebookExecutor.class.getName());
        command.add("--input");
        command.add(input.toAbsolutePath().toString());
        command.add("--output");
        command.add(prepared.output().toAbsolutePath().toString());
        command.add("--name");
        command.add(prepared.label());
        if (logOutput) {
            command.add("--log-output");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(prepared.folder().toFile())
                .redirectErrorStream(true);
        builder.environment().put("OMP_WAIT_POLICY", "passive");
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // no stdin, as a headless kernel
            // copy the child's output line by line (not inheritIO: the caller's stdout may be a protocol channel)
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    terminal.println(line);
                }
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new KitException("cannot start the notebook JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted while running " + prepared.label());
        }
    }

    /** Whether the executor marked the written notebook as completely run. */
    private static boolean finished(Path output) {
        if (!Files.exists(output)) {
            return false;
        }
        JsonElement run = Notebook.read(output).metadata().get("dgmkit");
        return run != null && run.isJsonObject() && run.getAsJsonObject().has("status")
                && run.getAsJsonObject().get("status").getAsString().equals("ok");
    }

    /** "notebook X: cell N (code cell K) failed: ..." from the error output in the written notebook. */
    static String failureMessage(PreparedNotebook prepared) {
        Notebook executed = Notebook.read(prepared.output());
        int code = 0;
        for (int i = 0; i < executed.size(); i++) {
            JsonObject cell = executed.cell(i);
            if (!Notebook.type(cell).equals("code")) {
                continue;
            }
            code++;
            for (JsonElement output : cell.getAsJsonArray("outputs")) {
                JsonObject o = output.getAsJsonObject();
                if (o.get("output_type").getAsString().equals("error")) {
                    List<String> traceback = new ArrayList<>();
                    o.getAsJsonArray("traceback").forEach(line -> traceback.add(line.getAsString()));
                    CellError error = new CellError(o.get("ename").getAsString(), o.get("evalue").getAsString(), traceback);
                    return describe(prepared.label(), i + 1, code, Notebook.source(cell), error)
                            + "\npartial notebook written to " + prepared.output();
                }
            }
        }
        return "notebook " + prepared.label() + " failed; partial notebook written to " + prepared.output();
    }

    /** The one-paragraph description of a failed cell used on the terminal. */
    static String describe(String label, int cellNumber, int codeCellNumber, String source, CellError error) {
        List<String> lines = error.plainTraceback().lines().collect(Collectors.toList());
        String headline = error.ename() + (error.evalue().isEmpty() ? "" : ": " + error.evalue());
        if (error.ename().equals("CompilationException")) {
            headline = "does not compile";
        } else if (error.ename().equals("EvalException")) {
            // the real exception class and message are on the traceback's first line
            headline = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("-----")).findFirst().orElse(headline);
        }
        StringBuilder message = new StringBuilder("notebook " + label + ": cell " + cellNumber + " (code cell "
                + codeCellNumber + ") failed: " + headline);
        String firstLine = source.strip().lines().findFirst().orElse("");
        message.append("\n  cell starts: ").append(firstLine);
        int shown = 0;
        for (String line : lines) {
            if (shown++ >= TRACEBACK_LINES) {
                message.append("\n  ...");
                break;
            }
            message.append("\n  ").append(line);
        }
        return message.toString();
    }
}
