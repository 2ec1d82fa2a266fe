package org.dgmkit.notebook;

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
 * ({@code jupyter nbconvert --execute} with kernel {@code java}). The executable is {@code jupyter} on PATH, or
 * {@code $DGMKIT_JUPYTER}.
 */
final class JupyterEngine {
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
        try {
            // next to the original, so nbconvert runs the kernel in the notebook's folder
            prepared.notebook().write(temp);
            Files.createDirectories(prepared.output().toAbsolutePath().getParent());
            String outputName = prepared.output().getFileName().toString();
            ProcessBuilder builder = new ProcessBuilder(jupyter, "nbconvert", "--to", "notebook", "--execute",
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
        } catch (IOException e) {
            throw new KitException("engine jupyter: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temp copy is harmless
            }
        }
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
