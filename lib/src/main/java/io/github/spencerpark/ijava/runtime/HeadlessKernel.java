package io.github.spencerpark.ijava.runtime;

import com.google.gson.Gson;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.common.Url;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel side of {@code ./kit run} (not part of IJava's API): stands in for IJava's {@code JavaKernel} inside
 * the notebook's class loader. It holds the renderer (with the registrations IJava's base kernel makes), the magics
 * registry ({@code %jars}, {@code %classpath}) and the two callbacks into the runner. It is defined by the kernel
 * class loader, next to jupyter-jvm-basekernel 2.3.0, so notebook code links against the same classes as in IJava;
 * the runner talks to it only through JDK types (strings and {@link Consumer}s).
 */
public final class HeadlessKernel {
    private static final Renderer RENDERER = newRenderer();
    private static final Magics MAGICS = newMagics();
    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");
    private static final Map<String, String> JAR_BY_ARTIFACT = new HashMap<>();
    private static volatile Consumer<String> displaySink;
    private static volatile Consumer<String> classpathSink;

    private HeadlessKernel() {
    }

    /** Connects the runner: where display data (as JSON) and new classpath entries (absolute paths) go. */
    public static void install(Consumer<String> displayJsonSink, Consumer<String> addToClasspath) {
        displaySink = displayJsonSink;
        classpathSink = addToClasspath;
    }

    /** The renderer, as {@code kernel.getRenderer()} in IJava. */
    public static Renderer renderer() {
        return RENDERER;
    }

    /** The magics registry, as {@code kernel.getMagics()} in IJava. */
    public static Magics magics() {
        return MAGICS;
    }

    /** Publishes display data on the current cell's output, as {@code kernel.display(data)} in IJava. */
    public static void display(DisplayData data) {
        Consumer<String> sink = displaySink;
        if (sink == null) {
            throw new RuntimeException("No IJava kernel running");
        }
        sink.accept(toJson(data));
    }

    /**
     * Renders a cell's result as IJava does ({@code DisplayData} as is, anything else through the renderer) and
     * returns it as JSON with the keys {@code data}, {@code metadata}; called by the runner.
     */
    public static String renderResultJson(Object value) {
        DisplayData data = value instanceof DisplayData ? (DisplayData) value : RENDERER.render(value);
        return toJson(data);
    }

    private static String toJson(DisplayData data) {
        return new Gson().toJson(data);
    }

    private static Renderer newRenderer() {
        // the same registrations as jupyter-jvm-basekernel 2.3.0's BaseKernel constructor
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        Url.registerAll(renderer);
        Text.registerAll(renderer);
        return renderer;
    }

    private static Magics newMagics() {
        Magics magics = new Magics();
        magics.registerLineMagic("jars", HeadlessKernel::jars);
        magics.registerLineMagic("classpath", HeadlessKernel::classpath);
        return magics;
    }

    /** IJava's {@code %jars}: simple globs; a glob matching a folder adds the files in it. */
    private static List<String> jars(List<String> args) {
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            int before = added.size();
            for (Path path : matches(arg, true)) {
                added.add(path.toAbsolutePath().toString());
            }
            warnIfNothing("jars", arg, added.size() - before);
        }
        added.forEach(HeadlessKernel::addToClasspath);
        return added;
    }

    /** IJava's {@code %classpath}: simple globs of jars or folders. */
    private static List<String> classpath(List<String> args) {
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            int before = added.size();
            for (Path path : matches(arg, false)) {
                added.add(path.toAbsolutePath().toString());
            }
            warnIfNothing("classpath", arg, added.size() - before);
        }
        added.forEach(HeadlessKernel::addToClasspath);
        return added;
    }

    private static Iterable<Path> matches(String glob, boolean filesOnly) {
        try {
            GlobFinder finder = new GlobFinder(glob);
            return filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths();
        } catch (IOException e) {
            // IJava's ClasspathMagics reports a glob whose folder does not exist this way
            throw new RuntimeException("Exception resolving jar glob", e);
        }
    }

    /**
     * Two versions of one artifact on the class path (a stale jar left in lib/target/jars, say) make the first one
     * win silently; say so on the cell's stderr.
     */
    private static void warnIfSecondVersion(String path) {
        Matcher m = VERSIONED_JAR.matcher(Path.of(path).getFileName().toString());
        if (!m.matches()) {
            return;
        }
        String earlier = JAR_BY_ARTIFACT.putIfAbsent(m.group(1), path);
        // same file-name stem is not enough (a classifier jar of natives, a shaded copy of another group's
        // artifact): warn only when the later jar's classes are really shadowed by the earlier one's
        if (earlier != null && !earlier.equals(path) && shareAClass(earlier, path)) {
            System.err.println("%jars: two versions of " + m.group(1) + " on the class path; the first one wins: "
                    + Path.of(earlier).getFileName() + " (not " + Path.of(path).getFileName() + ")");
        }
    }

    /** Whether some class file of {@code later} is also in {@code earlier}. */
    private static boolean shareAClass(String earlier, String later) {
        try (java.util.zip.ZipFile a = new java.util.zip.ZipFile(earlier);
             java.util.zip.ZipFile b = new java.util.zip.ZipFile(later)) {
            return b.stream().map(java.util.zip.ZipEntry::getName)
                    .anyMatch(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && a.getEntry(n) != null);
        } catch (IOException e) {
            return false;
        }
    }

    /** IJava adds nothing silently; a line on the cell's stderr saves hunting a typo through compile errors. */
    private static void warnIfNothing(String magic, String glob, int matched) {
        if (matched == 0) {
            System.err.println("%" + magic + ": nothing matches '" + glob + "' (relative to "
                    + Path.of("").toAbsolutePath() + ")");
        }
    }

    private static void addToClasspath(String path) {
        warnIfSecondVersion(path);
        Consumer<String> sink = classpathSink;
        if (sink == null) {
            throw new RuntimeException("No IJava kernel running");
        }
        sink.accept(path);
    }
}
