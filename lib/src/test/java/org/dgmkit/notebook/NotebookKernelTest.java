package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.EvalException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One JShell kernel in this JVM, driven cell by cell: IJava 1.3.0's result rules, class loading (kernel jars only,
 * %jars on top, parent-first), magics and error reports. Cells share the kernel, so each test uses its own names.
 */
class NotebookKernelTest {
    @TempDir
    static Path dir;

    private static KernelClassLoader loader;
    private static NotebookKernel kernel;
    private static final List<String> displayed = new ArrayList<>();

    @BeforeAll
    static void start() {
        loader = new KernelClassLoader(TestNotebooks.kernelEntries(dir.resolve("shim")));
        kernel = new NotebookKernel(loader, displayed::add);
    }

    @AfterAll
    static void stop() {
        kernel.close();
        loader.close();
    }

    @Test
    void stateCarriesAcrossCellsAndOnlyATrailingExpressionIsTheResult() throws Exception {
        assertNull(kernel.eval("int base = 20;\nint doubled = base * 2;"), "declarations give no result");
        assertEquals(42, kernel.eval("doubled + 2"));
        assertEquals(42, kernel.eval("int more = doubled + 2;\nmore"), "a variable name is a result");
        assertNull(kernel.eval("more = 7;"), "an assignment is no result, as in IJava");
        assertNull(kernel.eval("System.out.flush();"), "a void call is no result");
        assertNull(kernel.eval("for (int i = 0; i < 2; i++) { more++; }"));
        assertEquals(9, kernel.eval("more"));
        assertEquals("x", kernel.eval("String s = \"x\";\ns"));
    }

    @Test
    void startupImportsAreIJavasNotJShellToolDefaults() throws Exception {
        assertEquals(3, kernel.eval("new ArrayList<>(List.of(1, 2, 3)).size()"), "java.util.* is imported");
        assertEquals("1", kernel.eval("new BigInteger(\"1\").toString()"), "java.math.* is imported");
        // IJava does not import java.util.function / java.util.stream, unlike the jshell tool
        CompilationException e = assertThrows(CompilationException.class, () -> kernel.eval("Function<Integer, Integer> f = x -> x;"));
        assertTrue(kernel.formatError(e).plainTraceback().contains("cannot find symbol"));
    }

    @Test
    void userCodeSeesTheKernelJarsButNotTheRunnerClasspath() throws Exception {
        String gson = (String) kernel.eval("com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation().toString()");
        assertTrue(gson.contains("gson-2.8.5"), gson);
        Object runner = kernel.eval("""
                String found;
                try { Class.forName("org.dgmkit.cli.Kit"); found = "visible"; }
                catch (ClassNotFoundException e) { found = "hidden"; }
                found""");
        assertEquals("hidden", runner);
        Object nd4j = kernel.eval("""
                String nd;
                try { Class.forName("org.nd4j.linalg.factory.Nd4j"); nd = "visible"; }
                catch (ClassNotFoundException e) { nd = "hidden"; }
                nd""");
        assertEquals("hidden", nd4j, "ND4J only through %jars, as under IJava");
        CompilationException e = assertThrows(CompilationException.class, () -> kernel.eval("org.dgmkit.cli.Kit.run(List.of())"));
        assertTrue(kernel.formatError(e).plainTraceback().contains("package org.dgmkit.cli does not exist"),
                kernel.formatError(e).plainTraceback());
        assertEquals("jdk.jshell", kernel.eval("jdk.jshell.JShell.class.getModule().getName()"),
                "the whole JDK is visible, as in IJava's kernel JVM");
    }

    @Test
    void jarsMagicAddsAJarForTheRestOfTheCellAndLaterCells() throws Exception {
        Path jar = TestNotebooks.jar(dir.resolve("greeter.jar"), "demo.Greeter",
                "package demo; public class Greeter { public static String hi(String n) { return \"hi \" + n; } }");
        Object result = kernel.eval("%jars " + jar + "\ndemo.Greeter.hi(\"there\")");
        assertEquals("hi there", result);
        assertEquals("hi again", kernel.eval("demo.Greeter.hi(\"again\")"));
        Path folder = Files.createDirectories(dir.resolve("globbed"));
        TestNotebooks.jar(folder.resolve("a.jar"), "demo.A", "package demo; public class A { public static int v() { return 1; } }");
        TestNotebooks.jar(folder.resolve("b.jar"), "demo.B", "package demo; public class B { public static int v() { return 2; } }");
        @SuppressWarnings("unchecked")
        List<String> added = (List<String>) kernel.eval("List<String> added = %jars " + folder + "/*.jar\nadded");
        assertEquals(2, added.size(), "the magic returns the added jars: " + added);
        assertEquals(3, kernel.eval("demo.A.v() + demo.B.v()"));
        Path versions = Files.createDirectories(dir.resolve("versions"));
        TestNotebooks.jar(versions.resolve("lib-1.0.jar"), "demo.V", "package demo; public class V { public static int v() { return 1; } }");
        TestNotebooks.jar(versions.resolve("lib-2.0.jar"), "demo.V", "package demo; public class V { public static int v() { return 2; } }");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            kernel.eval("%jars " + versions + "/*.jar");
        } finally {
            System.setErr(saved);
        }
        String warning = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(warning.contains("two versions of lib on the class path; the first one wins: lib-"), warning);
        // the glob lists the folder in file system order (as in IJava), so either may come first
        int winner = warning.contains("wins: lib-1.0.jar (not lib-2.0.jar)") ? 1 : 2;
        assertEquals(winner, kernel.eval("demo.V.v()"), "the first jar wins, as in any URL class loader");
        Path classes = TestNotebooks.classes(dir, "demo.C", "package demo; public class C { public static int v() { return 4; } }");
        assertEquals(4, kernel.eval("%classpath " + classes + "\ndemo.C.v()"), "%classpath takes class folders");
    }

    @Test
    void aNewerGsonAddedWithJarsIsShadowedByTheKernelsGson() throws Exception {
        // a stand-in for gson 2.10.1: JsonParser with the static parseString that 2.8.5 lacks
        Path newer = TestNotebooks.jar(dir.resolve("gson-2.10.1.jar"), "com.google.gson.JsonParser",
                "package com.google.gson; public class JsonParser { public static Object parseString(String s) { return s; } }");
        kernel.eval("%jars " + newer);
        CompilationException e = assertThrows(CompilationException.class,
                () -> kernel.eval("com.google.gson.JsonParser.parseString(\"{}\")"));
        CellError error = kernel.formatError(e);
        assertEquals("CompilationException", error.ename());
        assertTrue(error.plainTraceback().contains("cannot find symbol"), error.plainTraceback());
        assertTrue(error.plainTraceback().contains("com.google.gson.JsonParser.parseString(\"{}\")"), error.plainTraceback());
        String where = (String) kernel.eval("com.google.gson.JsonParser.class.getProtectionDomain().getCodeSource().getLocation().toString()");
        assertTrue(where.contains("gson-2.8.5"), "parent-first: the kernel's gson wins at run time too: " + where);
    }

    @Test
    void runtimeExceptionsAreReportedAsIJavaDoesWithTheRealClassName() throws Exception {
        kernel.eval("int zero = 0;");
        Exception e = assertThrows(Exception.class, () -> kernel.eval("int boom = 1 / zero;"));
        assertInstanceOf(EvalException.class, e);
        CellError error = kernel.formatError(e);
        assertEquals("EvalException", error.ename());
        assertEquals("/ by zero", error.evalue());
        assertTrue(error.plainTraceback().contains("java.lang.ArithmeticException: / by zero"), error.plainTraceback());
        Exception caused = assertThrows(Exception.class,
                () -> kernel.eval("throw new IllegalStateException(\"outer\", new java.io.IOException(\"inner\"));"));
        String trace = kernel.formatError(caused).plainTraceback();
        assertTrue(trace.contains("java.lang.IllegalStateException: outer"), trace);
        assertTrue(trace.contains("Caused by: java.io.IOException: inner"), trace);
    }

    @Test
    void compileErrorsShowTheOffendingSourceAndMessage() throws Exception {
        CompilationException e = assertThrows(CompilationException.class,
                () -> kernel.eval("int fine = 1;\nString wrong = fine;"));
        CellError error = kernel.formatError(e);
        assertEquals("CompilationException", error.ename());
        assertEquals("", error.evalue(), "IJava sends no evalue for compile errors");
        assertTrue(error.plainTraceback().contains("String wrong = fine;"), error.plainTraceback());
        assertTrue(error.plainTraceback().contains("incompatible types: int cannot be converted to java.lang.String"),
                error.plainTraceback());
        assertTrue(error.traceback().get(0).contains("\u001B["), "IJava styles tracebacks with ANSI colours");
        assertTrue(error.plainTraceback().contains("|   String wrong = fine;\n" + " ".repeat(19) + "^^^^\n"),
                "the offending span is underlined: " + error.plainTraceback());
    }

    @Test
    void incompleteSourceIsAnError() {
        IncompleteSourceException e = assertThrows(IncompleteSourceException.class, () -> kernel.eval("int open = (1 + "));
        assertTrue(kernel.formatError(e).plainTraceback().contains("Incomplete input:"));
    }

    @Test
    void unknownMagicsFailNamingTheMagic() throws Exception {
        Exception line = assertThrows(Exception.class, () -> kernel.eval("%maven org.example:thing:1.0"));
        CellError error = kernel.formatError(line);
        assertTrue(error.plainTraceback().contains("UndefinedMagicException: Undefined line magic 'maven'"),
                error.plainTraceback());
        Exception cell = assertThrows(Exception.class, () -> kernel.eval("%%bash\necho hi"));
        assertTrue(kernel.formatError(cell).plainTraceback().contains("Undefined cell magic 'bash'"));
        Exception missing = assertThrows(Exception.class, () -> kernel.eval("%jars no-such-folder/*.jar"));
        String trace = kernel.formatError(missing).plainTraceback();
        assertTrue(trace.contains("Exception resolving jar glob") && trace.contains("NoSuchFileException"), trace);
        assertEquals("50% off", kernel.eval("String offer = \"50% off\";\noffer"), "a % in a string is no magic");
    }

    @Test
    void displayPublishesImagesAndReturnsAnId() throws Exception {
        displayed.clear();
        Object id = kernel.eval("""
                import java.awt.image.BufferedImage;
                BufferedImage picture = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
                display(picture)""");
        assertInstanceOf(String.class, id);
        assertEquals(36, ((String) id).length(), "a UUID display id, as IJava returns");
        assertEquals(1, displayed.size());
        JsonObject data = new JsonParser().parse(displayed.get(0)).getAsJsonObject().getAsJsonObject("data");
        assertTrue(data.has("image/png") && data.has("text/plain"), data.keySet().toString());
        JsonObject result = new JsonParser().parse(kernel.renderResult(kernel.eval("picture"))).getAsJsonObject();
        String png = result.getAsJsonObject("data").get("image/png").getAsString();
        assertTrue(java.util.Base64.getDecoder().decode(png).length > 8, "base64 PNG");
        JsonObject html = new JsonParser().parse(kernel.renderResult(kernel.eval("render(\"<b>x</b>\", \"text/html\")")))
                .getAsJsonObject().getAsJsonObject("data");
        assertEquals("<b>x</b>", html.get("text/html").getAsString(), "render(...) results pass through as is");
    }
}
