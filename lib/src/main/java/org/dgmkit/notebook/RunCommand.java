package org.dgmkit.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dgmkit.cli.KitException;

/**
 * {@code ./kit run [--quick] [--engine jshell|jupyter] [-p NAME VALUE]... [--out DIR] [--heap SIZE] [--log-output]
 * [NOTEBOOK...]}: executes notebooks headless, from the repository root, into {@code out/notebooks/<name>.ipynb}.
 * Parameters are injected papermill-style ({@link NotebookParameters}); {@code --quick} applies the small-data values
 * of the {@code quick.properties} beside each notebook. All notebooks are checked before the first one runs; the run
 * stops at the first failing cell. {@link RunReport} keeps {@code <out>/index.html} up to date: every notebook's status
 * and wall time, links to the executed notebooks, figures (thumbnails) and tables.
 */
public final class RunCommand {
    /** The file beside the notebooks holding the --quick values. */
    public static final String QUICK_FILE = "quick.properties";

    private RunCommand() {
    }

    /** Runs the command; returns 0, or throws UsageException (bad flags) / KitException (failure). */
    public static int run(List<String> args) {
        return run(args, Path.of("").toAbsolutePath(), System.err);
    }

    /** Runs the command from {@code root} (the repository root), with progress on {@code terminal}. */
    public static int run(List<String> args, Path root, PrintStream terminal) {
        RunOptions options = RunOptions.parse(args);
        Path out = (options.out() == null ? root.resolve("out") : root.resolve(options.out())).resolve("notebooks");
        List<Path> files = notebooks(root, options.notebooks());
        List<PreparedNotebook> prepared = prepare(root, files, options, out);
        DatasetPrefetch.fetch(prepared, terminal);
        long start = System.nanoTime();
        JupyterEngine jupyter = null;
        ChildJvmEngine child = null;
        if (options.engine().equals("jupyter")) {
            jupyter = JupyterEngine.fromEnvironment(terminal);
            jupyter.check();
        } else {
            child = new ChildJvmEngine(options.heap(), options.logOutput(), terminal);
        }
        RunReport report = new RunReport(out.getParent(), "./kit run " + String.join(" ", args), prepared);
        report.write();
        for (int i = 0; i < prepared.size(); i++) {
            PreparedNotebook notebook = prepared.get(i);
            terminal.printf(Locale.ROOT, "[kit run] notebook %d/%d: %s (engine %s)%s%n", i + 1, prepared.size(),
                    notebook.label(), options.engine(),
                    notebook.parameters().isEmpty() ? "" : ", parameters " + notebook.parameters());
            report.started(i);
            long t0 = System.nanoTime();
            try {
                if (jupyter != null) {
                    jupyter.run(notebook);
                } else {
                    child.run(notebook);
                }
            } catch (RuntimeException e) {
                report.finished(i, (System.nanoTime() - t0) / 1e9, String.valueOf(e.getMessage()));
                terminal.println("[kit run] report: " + shown(root, report.file()));
                throw e;
            }
            report.finished(i, (System.nanoTime() - t0) / 1e9, null);
        }
        terminal.printf(Locale.ROOT, "[kit run] %d notebook(s) ok in %.1f s -> %s; report: %s%n", prepared.size(),
                (System.nanoTime() - start) / 1e9, shown(root, out), shown(root, report.file()));
        return 0;
    }

    /** The notebooks to run: the arguments (paths, or names under notebooks/) or all notebooks/*.ipynb. */
    static List<Path> notebooks(Path root, List<String> args) {
        if (args.isEmpty()) {
            Path folder = root.resolve("notebooks");
            if (!Files.isDirectory(folder)) {
                throw new KitException("no notebooks/ folder in " + root + " (run from the repository root)");
            }
            try (Stream<Path> list = Files.list(folder)) {
                List<Path> all = list.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted()
                        .collect(Collectors.toList());
                if (all.isEmpty()) {
                    throw new KitException("no notebooks in " + folder);
                }
                return all;
            } catch (IOException e) {
                throw new KitException("cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            List<Path> candidates = List.of(root.resolve(arg), root.resolve("notebooks").resolve(arg),
                    root.resolve("notebooks").resolve(arg + ".ipynb"));
            Path found = candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                    new KitException("notebook '" + arg + "' not found (tried " + candidates.stream()
                            .map(p -> root.relativize(p).toString()).collect(Collectors.joining(", ")) + ")"));
            files.add(found.normalize());
        }
        return files;
    }

    /** Reads every notebook and injects its parameters, failing before anything runs. */
    static List<PreparedNotebook> prepare(Path root, List<Path> files, RunOptions options, Path out) {
        List<PreparedNotebook> prepared = new ArrayList<>();
        Map<String, Boolean> cliDeclaredSomewhere = new LinkedHashMap<>();
        options.parameters().keySet().forEach(name -> cliDeclaredSomewhere.put(name, false));
        List<Map<String, NotebookParameters.Declaration>> declarations = new ArrayList<>();
        List<Notebook> notebooks = new ArrayList<>();
        for (Path file : files) {
            Notebook notebook = Notebook.read(file);
            Map<String, NotebookParameters.Declaration> declared = NotebookParameters.declarations(notebook);
            declared.keySet().forEach(name -> cliDeclaredSomewhere.computeIfPresent(name, (k, v) -> true));
            notebooks.add(notebook);
            declarations.add(declared);
        }
        for (Map.Entry<String, Boolean> parameter : cliDeclaredSomewhere.entrySet()) {
            if (!parameter.getValue()) {
                if (files.size() == 1) {
                    Notebook only = notebooks.get(0);
                    throw new KitException(NotebookParameters.undeclared(label(root, files.get(0)), parameter.getKey(),
                            NotebookParameters.parametersCell(only) >= 0, declarations.get(0)));
                }
                throw new KitException("no notebook of this run declares parameter '" + parameter.getKey()
                        + "' in a cell tagged 'parameters' (notebooks: " + files.stream().map(f -> label(root, f))
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String label = label(root, file);
            Map<String, NotebookParameters.Declaration> declared = declarations.get(i);
            Map<String, String> values = new LinkedHashMap<>();
            String stem = file.getFileName().toString().replaceFirst("\\.ipynb$", "");
            if (options.quick()) {
                values.putAll(NotebookParameters.quickValues(quickProperties(file.toAbsolutePath().getParent()), stem,
                        declared, label));
            }
            if (options.profile() != null) {
                values.putAll(NotebookParameters.quickValues(profileProperties(file.toAbsolutePath().getParent(),
                        options.profile()), stem, declared, label));
            }
            // --out also moves what the notebooks write themselves (their outDir parameter, by convention)
            if (options.out() != null && declared.containsKey("outDir")) {
                values.put("outDir", root.resolve(options.out()).toAbsolutePath().normalize().toString());
            }
            // -p wins over quick.properties; with several notebooks it applies to those declaring it
            options.parameters().forEach((name, value) -> {
                if (declared.containsKey(name)) {
                    values.put(name, value);
                }
            });
            Notebook notebook = notebooks.get(i);
            NotebookParameters.inject(notebook, label, values);
            prepared.add(new PreparedNotebook(file, label, out.resolve(file.getFileName()), notebook, values));
        }
        return prepared;
    }

    /** The quick.properties in {@code folder}, created with an explanatory header if missing. */
    static Properties quickProperties(Path folder) {
        Path file = folder.resolve(QUICK_FILE);
        Properties properties = new Properties();
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, """
                        # Small-data parameter values applied by ./kit run --quick (command-line -p wins).
                        #   name=value            every notebook whose 'parameters' cell declares name
                        #   <notebook-stem>.name=value   only that notebook (it must declare name)
                        """, StandardCharsets.UTF_8);
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new KitException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** {@code <name>.properties} beside the notebooks (e.g. paper.properties): same format as quick.properties. */
    static Properties profileProperties(Path folder, String name) {
        Path file = folder.resolve(name + ".properties");
        if (!Files.isRegularFile(file)) {
            throw new KitException("--profile " + name + ": no " + file + " (the profile's parameter values, in the format"
                    + " of " + QUICK_FILE + ")");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new KitException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private static Path shown(Path root, Path p) {
        Path a = p.toAbsolutePath();
        return a.startsWith(root) ? root.relativize(a) : a;
    }

    private static String label(Path root, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
