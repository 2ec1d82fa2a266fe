package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dgmkit.cli.KitException;
import org.dgmkit.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smaller parts: magic rewriting, the shim package, flags, kernel jar selection, the jupyter engine check. */
class RunnerPiecesTest {
    @TempDir
    Path dir;

    @Test
    void magicsBecomeIJavaStyleCalls() {
        MagicsTransformer magics = new MagicsTransformer();
        String line = magics.transform("int a = 1;\n%jars lib/*.jar \"with space.jar\"\nint b = 2;");
        assertTrue(line.startsWith("int a = 1;\nlineMagic("), line);
        assertTrue(line.contains(");{};\nint b = 2;"), line);
        assertTrue(line.contains(b64("jars")) && line.contains(b64("lib/*.jar")) && line.contains(b64("with space.jar")), line);
        String cell = magics.transform("%%bash -x\necho hi");
        assertTrue(cell.startsWith("cellMagic(") && cell.contains(b64("echo hi")) && cell.contains(b64("-x")), cell);
        assertEquals("String s = \"100%\";", magics.transform("String s = \"100%\";"));
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theShimPackageHoldsExactlyTheClassesTheKernelLoaderCopies() throws IOException {
        Path folder = Path.of("target", "classes", KernelClasspath.SHIM_PACKAGE);
        Set<String> compiled;
        try (Stream<Path> files = Files.list(folder)) {
            compiled = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("package-info.class"))
                    .collect(Collectors.toSet());
        }
        Set<String> copied = KernelClasspath.SHIM_CLASSES.stream().map(n -> n + ".class").collect(Collectors.toSet());
        assertEquals(copied, compiled, "a nested or new class in the shim must be added to SHIM_CLASSES");
    }

    @Test
    void kernelJarsArePickedByArtifactName() {
        List<Path> classpath = Stream.of("a/jupyter-jvm-basekernel-2.3.0.jar", "a/gson-2.8.5.jar", "a/maven-model-3.6.0.jar",
                "a/maven-model-builder-3.6.0.jar", "a/nd4j-api-1.0.0-M2.1.jar", "a/ivy-2.5.0-rc1.jar", "target/classes")
                .map(Path::of).collect(Collectors.toList());
        List<String> names = KernelClasspath.kernelJars(classpath).stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toList());
        assertEquals(List.of("jupyter-jvm-basekernel-2.3.0.jar", "gson-2.8.5.jar", "maven-model-3.6.0.jar",
                "maven-model-builder-3.6.0.jar", "ivy-2.5.0-rc1.jar"), names);
        KitException e = assertThrows(KitException.class, () -> KernelClasspath.kernelJars(List.of(Path.of("x.jar"))));
        assertTrue(e.getMessage().contains("kernel-jars"), e.getMessage());
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThrows(UsageException.class, () -> RunOptions.parse(List.of("--engine", "python")));
        assertThrows(UsageException.class, () -> RunOptions.parse(List.of("-p", "epochs")));
        assertThrows(UsageException.class, () -> RunOptions.parse(List.of("--frobnicate")));
        assertThrows(UsageException.class, () -> RunOptions.parse(List.of("-p", "not-a-name", "1")));
        RunOptions options = RunOptions.parse(List.of("--quick", "-p", "epochs", "3", "nb.ipynb", "--heap", "2g"));
        assertTrue(options.quick());
        assertEquals("3", options.parameters().get("epochs"));
        assertEquals(List.of("nb.ipynb"), options.notebooks());
        assertEquals("2g", options.heap());
    }

    @Test
    void missingNotebooksAndUndeclaredParametersFailBeforeAnythingRuns() throws IOException {
        Files.createDirectories(dir.resolve("notebooks"));
        TestNotebooks.write(TestNotebooks.notebook("#tag:parameters\nint epochs = 1;"), dir.resolve("notebooks/a.ipynb"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        KitException missing = assertThrows(KitException.class,
                () -> RunCommand.run(List.of("nothere"), dir, quiet));
        assertTrue(missing.getMessage().contains("'nothere' not found"), missing.getMessage());
        KitException undeclared = assertThrows(KitException.class,
                () -> RunCommand.run(List.of("-p", "batch", "8", "a"), dir, quiet));
        assertTrue(undeclared.getMessage().contains("notebooks/a.ipynb") && undeclared.getMessage().contains("'batch'"),
                undeclared.getMessage());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing ran");
    }

    @Test
    void jupyterEngineExplainsHowToInstallWhatIsMissing() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        KitException absent = assertThrows(KitException.class,
                () -> new JupyterEngine(dir.resolve("no-jupyter").toString(), quiet).check());
        assertTrue(absent.getMessage().contains("nbconvert") && absent.getMessage().contains("./kit install-kernel")
                && absent.getMessage().contains("jupyter-nbconvert"), absent.getMessage());
        // a jupyter with nbconvert but without IJava's kernelspec
        Path fake = dir.resolve("jupyter");
        Files.writeString(fake, """
                #!/bin/sh
                if [ "$1" = nbconvert ]; then echo 7.16.4; exit 0; fi
                if [ "$1" = kernelspec ]; then echo '{"kernelspecs": {"python3": {}}}'; exit 0; fi
                exit 1
                """);
        assertTrue(fake.toFile().setExecutable(true));
        KitException noKernel = assertThrows(KitException.class, () -> new JupyterEngine(fake.toString(), quiet).check());
        assertTrue(noKernel.getMessage().contains("no kernel named 'java'"), noKernel.getMessage());
        Files.writeString(fake, Files.readString(fake).replace("python3", "java"));
        new JupyterEngine(fake.toString(), quiet).check(); // both present: no complaint
    }

    @Test
    void jupyterEngineRunsNbconvertOnAParameterisedCopyBesideTheNotebook() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("nbs"));
        Path source = TestNotebooks.write(TestNotebooks.notebook("#tag:parameters\nint epochs = 5;"), folder.resolve("x.ipynb"));
        Notebook notebook = Notebook.read(source);
        NotebookParameters.inject(notebook, "x.ipynb", java.util.Map.of("epochs", "1"));
        Path output = dir.resolve("out/notebooks/x.ipynb");
        // a fake jupyter: records its arguments and working directory, "executes" by numbering the input's cells
        Path fake = dir.resolve("jupyter");
        Files.writeString(fake, """
                #!/bin/sh
                echo "$PWD" > "$0.cwd"
                echo "$@" > "$0.args"
                cp "$5" "$0.config"
                for last; do :; done
                mkdir -p "$9" && sed 's/"execution_count": *null/"execution_count": 1/' "$last" > "$9/${11}.ipynb"
                """);
        assertTrue(fake.toFile().setExecutable(true));
        PreparedNotebook prepared = new PreparedNotebook(source, "nbs/x.ipynb", output, notebook, java.util.Map.of("epochs", "1"));
        new JupyterEngine(fake.toString(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(prepared);
        String args = Files.readString(dir.resolve("jupyter.args")).trim();
        assertTrue(args.startsWith("nbconvert --to notebook --config "), args);
        assertTrue(args.contains(" --ExecutePreprocessor.kernel_name=java --ExecutePreprocessor.timeout=-1 "), args);
        assertTrue(Files.readString(dir.resolve("jupyter.config")).contains("class StopAtFirstError(ExecutePreprocessor)"),
                "executes through the stop-at-first-error preprocessor");
        assertTrue(args.endsWith(folder.resolve(".x.dgmkit-run.ipynb").toString()), args);
        assertEquals(folder.toRealPath().toString(), Files.readString(dir.resolve("jupyter.cwd")).trim());
        assertTrue(Notebook.source(Notebook.read(output).cell(2)).contains("int epochs = 1;"), "the executed copy has the parameters");
        assertTrue(Files.notExists(folder.resolve(".x.dgmkit-run.ipynb")), "the temporary copy is removed");

        // an nbconvert that converts without executing (as when it cannot load the config) must not pass
        Files.writeString(fake, """
                #!/bin/sh
                for last; do :; done
                mkdir -p "$9" && cp "$last" "$9/${11}.ipynb"
                """);
        KitException unexecuted = assertThrows(KitException.class, () -> new JupyterEngine(fake.toString(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(prepared));
        assertTrue(unexecuted.getMessage().contains("nbconvert did not execute cell 2"), unexecuted.getMessage());
    }

    @Test
    void jupyterEngineNamesTheFailingCellAndKeepsThePartialNotebook() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("nbs"));
        Notebook notebook = TestNotebooks.notebook("int a = 1;", "a.foo();", "System.out.println(a);");
        Path source = TestNotebooks.write(notebook, folder.resolve("y.ipynb"));
        // what nbconvert writes when the kernel reports an error in code cell 2 (later cells not executed)
        Notebook executed = Notebook.read(source);
        JsonObject error = new JsonObject();
        error.addProperty("output_type", "error");
        error.addProperty("ename", "CompilationException");
        error.addProperty("evalue", "");
        JsonArray traceback = new JsonArray();
        traceback.add("|   a.foo();");
        traceback.add("int cannot be dereferenced");
        error.add("traceback", traceback);
        TestNotebooks.outputs(executed, 2).add(error);
        executed.write(dir.resolve("jupyter.result"));
        Path fake = dir.resolve("jupyter");
        Files.writeString(fake, """
                #!/bin/sh
                mkdir -p "$9" && cp "$0.result" "$9/${11}.ipynb"
                """);
        assertTrue(fake.toFile().setExecutable(true));
        Path output = dir.resolve("out/notebooks/y.ipynb");
        PreparedNotebook prepared = new PreparedNotebook(source, "nbs/y.ipynb", output, notebook, java.util.Map.of());
        KitException failed = assertThrows(KitException.class, () -> new JupyterEngine(fake.toString(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(prepared));
        assertTrue(failed.getMessage().startsWith("notebook nbs/y.ipynb: cell 3 (code cell 2) failed: does not compile"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("cell starts: a.foo();")
                && failed.getMessage().contains("int cannot be dereferenced")
                && failed.getMessage().contains("partial notebook written to " + output), failed.getMessage());
        assertTrue(JupyterEngine.hasErrorOutput(Notebook.read(output)), "the partial notebook is kept");
        assertTrue(Files.notExists(folder.resolve(".y.dgmkit-run.ipynb")), "the temporary copy is removed");
    }
}
