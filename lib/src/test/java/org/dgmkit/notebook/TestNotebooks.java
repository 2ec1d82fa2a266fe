package org.dgmkit.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds small notebooks and jars for the runner tests. */
final class TestNotebooks {
    private TestNotebooks() {
    }

    /** A notebook whose code cells have the given sources; a source starting with "#tag:NAME\n" gets that tag. */
    static Notebook notebook(String... sources) {
        JsonObject root = new JsonObject();
        JsonArray cells = new JsonArray();
        JsonObject markdown = new JsonObject();
        markdown.addProperty("cell_type", "markdown");
        markdown.add("metadata", new JsonObject());
        markdown.add("source", Notebook.lines("# test notebook"));
        cells.add(markdown);
        for (String source : sources) {
            List<String> tags = new ArrayList<>();
            String body = source;
            if (source.startsWith("#tag:")) {
                int end = source.indexOf('\n');
                tags.add(source.substring(5, end));
                body = source.substring(end + 1);
            }
            cells.add(Notebook.codeCell(body, tags, false));
        }
        root.add("cells", cells);
        root.add("metadata", new JsonObject());
        root.addProperty("nbformat", 4);
        root.addProperty("nbformat_minor", 4);
        return Notebook.parse(root.toString());
    }

    /** Writes a notebook file. */
    static Path write(Notebook notebook, Path file) {
        notebook.write(file);
        return file;
    }

    /** The outputs of the code cell with the given 1-based code-cell number. */
    static JsonArray outputs(Notebook notebook, int codeCell) {
        return codeCell(notebook, codeCell).getAsJsonArray("outputs");
    }

    /** The code cell with the given 1-based number. */
    static JsonObject codeCell(Notebook notebook, int codeCell) {
        int seen = 0;
        for (int i = 0; i < notebook.size(); i++) {
            if (Notebook.type(notebook.cell(i)).equals("code") && ++seen == codeCell) {
                return notebook.cell(i);
            }
        }
        throw new AssertionError("no code cell " + codeCell);
    }

    /** All text of the outputs of one type ("stream" text or "text/plain" data) joined. */
    static String text(JsonArray outputs, String outputType) {
        StringBuilder text = new StringBuilder();
        for (JsonElement element : outputs) {
            JsonObject output = element.getAsJsonObject();
            if (!output.get("output_type").getAsString().equals(outputType)) {
                continue;
            }
            if (output.has("text")) {
                text.append(Notebook.text(output.get("text")));
            } else if (output.has("data") && output.getAsJsonObject("data").has("text/plain")) {
                text.append(Notebook.text(output.getAsJsonObject("data").get("text/plain")));
            }
        }
        return text.toString();
    }

    /** Compiles one Java source file (public class {@code className}) into a jar at {@code jar}. */
    static Path jar(Path jar, String className, String source) throws IOException {
        Path classes = classes(jar.getParent(), className, source);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** Compiles one Java source file into a fresh class folder under {@code parent} and returns the folder. */
    static Path classes(Path parent, String className, String source) throws IOException {
        Path work = Files.createTempDirectory(parent, "src");
        Path src = work.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString());
        if (code != 0) {
            throw new AssertionError("test source did not compile: " + className);
        }
        return classes;
    }

    /** The kernel loader entries from this test JVM's class path (the shim extracted under {@code scratch}). */
    static List<Path> kernelEntries(Path scratch) {
        return KernelClasspath.entries(KernelClasspath.parse(System.getProperty("java.class.path")), scratch);
    }
}
