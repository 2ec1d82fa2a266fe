package org.dgmkit.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dgmkit.cli.KitException;

/**
 * The {@code --engine jupyter} path: the same prepared notebooks executed by Jupyter itself with the IJava kernel
 * ({@code jupyter nbconvert} with kernel {@code java}). The executable is {@code jupyter} on PATH, or
 * {@code $DGMKIT_JUPYTER}. As with the built-in runner, a run stops at the first failing cell and still writes the
 * notebook executed so far: nbconvert's {@code --execute} writes nothing on an error, so the run executes through
 * {@link #STOP_AT_FIRST_ERROR}, nbconvert's own execute preprocessor that keeps the partial notebook.
 */
final class JupyterEngine {
    /**
     * An nbconvert config file: an ExecutePreprocessor (so {@code --ExecutePreprocessor.*} options apply) that ends
     * the run at the first cell error and returns the notebook as executed so far, error output included. It takes
     * ExecutePreprocessor's place in the exporter's pipeline, so the steps after it (coalesce_streams, ...) run as
     * with {@code --execute}.
     */
    static final String STOP_AT_FIRST_ERROR = """
            # written by ./kit run --engine jupyter: execute, stop at the first failing cell, keep the partial notebook
            from nbclient.exceptions import CellExecutionError
            from nbconvert.exporters import Exporter
            from nbconvert.preprocessors import ExecutePreprocessor


            class StopAtFirstError(ExecutePreprocessor):
                def preprocess(self, nb, resources=None, km=None):
                    try:
                        return super().preprocess(nb, resources, km)
                    except CellExecutionError:
                        return nb, resources


            c.Exporter.default_preprocessors = [StopAtFirstError if str(p).endswith(".ExecutePreprocessor") else p
                                                for p in Exporter().default_preprocessors]
            c.StopAtFirstError.enabled = True
            """;

    static final String INSTALL_HINT = "install nbconvert (Debian: sudo apt-get install jupyter-nbconvert;"
            + " or pip install nbconvert) and the IJava kernel (./kit install-kernel), or use --engine jshell";

    private final String jupyter;
    private final PrintStream terminal;

    JupyterEngine(String jupyter, PrintStream terminal) {
        this.jupyter = jupyter;
        this.terminal = terminal;
    }

    /** The engine with the jupyter executable from the environment. */
    static JupyterEngine fromEnvironment(PrintStream terminal) {
        String override = System.getenv("DGMKIT_JUPYTER");
        return new JupyterEngine(override == null || override.isBlank() ? "jupyter" : override, terminal);
    }

    /** Fails with install instructions unless nbconvert and a kernelspec named {@code java} are available. */
    void check() {
        Result version = call(List.of(jupyter, "nbconvert", "--version"));
        if (version == null || version.code() != 0) {
            throw new KitException("engine jupyter: '" + jupyter + " nbconvert' is not available; " + INSTALL_HINT);
        }
        Result specs = call(List.of(jupyter, "kernelspec", "list", "--json"));
        if (specs == null || specs.code() != 0 || !specs.output().contains("\"java\"")) {
            throw new KitException("engine jupyter: Jupyter has no kernel named 'java' (IJava 1.3.0); " + INSTALL_HINT);
        }
    }

    /** Executes one prepared notebook through nbconvert into its output path. */
    void run(PreparedNotebook prepared) {
        Path temp = prepared.folder().resolve("." + prepared.stem() + ".dgmkit-run.ipynb");
        Path config = null;
        try {
            // next to the original, so nbconvert runs the kernel in the notebook's folder
            prepared.notebook().write(temp);
            config = Files.createTempFile("dgmkit-nbconvert-", ".py");
            Files.writeString(config, STOP_AT_FIRST_ERROR);
            Files.createDirectories(prepared.output().toAbsolutePath().getParent());
            Files.deleteIfExists(prepared.output()); // a stale notebook must not pass for this run's
            String outputName = prepared.output().getFileName().toString();
            ProcessBuilder builder = new ProcessBuilder(jupyter, "nbconvert", "--to", "notebook",
                    "--config", config.toString(),
                    "--ExecutePreprocessor.kernel_name=java", "--ExecutePreprocessor.timeout=-1",
                    "--output-dir", prepared.output().toAbsolutePath().getParent().toString(),
                    "--output", outputName.substring(0, outputName.length() - ".ipynb".length()),
                    temp.toString())
                    .directory(prepared.folder().toFile())
                    .redirectErrorStream(true);
            builder.environment().put("OMP_WAIT_POLICY", "passive");
            Result result = run(builder);
            terminal.print(result.output());
            if (result.code() != 0) {
                throw new KitException("notebook " + prepared.label() + ": jupyter nbconvert failed with exit code "
                        + result.code() + " (its messages are above)");
            }
            if (!Files.isRegularFile(prepared.output())) {
                throw new KitException("notebook " + prepared.label() + ": jupyter nbconvert wrote no "
                        + prepared.output() + " (its messages are above)");
            }
            Notebook executed = Notebook.read(prepared.output());
            if (hasErrorOutput(executed)) {
                throw new KitException(ChildJvmEngine.failureMessage(prepared));
            }
            int skipped = firstUnexecutedCodeCell(executed);
            if (skipped > 0) {
                // e.g. nbconvert could not load the config above: it then converts without executing, and exits 0
                throw new KitException("notebook " + prepared.label() + ": jupyter nbconvert did not execute cell "
                        + skipped + " (its messages are above)");
            }
        } catch (IOException e) {
            throw new KitException("engine jupyter: " + e.getMessage(), e);
        } finally {
            for (Path scratch : new Path[] {temp, config}) {
                try {
                    if (scratch != null) {
                        Files.deleteIfExists(scratch);
                    }
                } catch (IOException ignored) {
                    // a leftover scratch file is harmless
                }
            }
        }
    }

    /** The 1-based number of the first non-blank code cell without an execution count, 0 if every one ran. */
    static int firstUnexecutedCodeCell(Notebook executed) {
        for (int i = 0; i < executed.size(); i++) {
            JsonObject cell = executed.cell(i);
            JsonElement count = cell.get("execution_count");
            if (Notebook.type(cell).equals("code") && !Notebook.source(cell).isBlank()
                    && (count == null || count.isJsonNull())) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Whether a code cell of an executed notebook has an error output (the cell the run stopped at). */
    static boolean hasErrorOutput(Notebook executed) {
        for (int i = 0; i < executed.size(); i++) {
            JsonObject cell = executed.cell(i);
            if (cell.has("outputs")) {
                for (JsonElement output : cell.getAsJsonArray("outputs")) {
                    if (output.getAsJsonObject().get("output_type").getAsString().equals("error")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private record Result(int code, String output) {
    }

    private static Result call(List<String> command) {
        try {
            return run(new ProcessBuilder(command).redirectErrorStream(true));
        } catch (IOException e) {
            return null; // not installed
        }
    }

    private static Result run(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        process.getOutputStream().close();
        try (InputStream in = process.getInputStream()) {
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.DAYS)) {
                process.destroy();
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted", e);
        }
    }
}
