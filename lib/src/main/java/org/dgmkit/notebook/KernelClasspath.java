package org.dgmkit.notebook;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmkit.cli.KitException;

/**
 * What the kernel class loader holds: the jars IJava 1.3.0 bundles in its kernel jar (picked by artifact name from
 * the runner's own class path, so it works from lib/target/jars + kernel-jars and from Maven's test class path
 * alike) plus a folder with the runtime shim classes copied out of the runner. The shim (the runner's stand-in for
 * IJava's {@code io.github.spencerpark.ijava.runtime}) is packed into {@code lib/target/kernel-jars/dgmkit-lib-ijava-runtime.jar},
 * not into {@code dgmkit-lib.jar}: a notebook's {@code %jars ../lib/target/jars/*.jar} never carries classes of IJava's
 * own package, which the real kernel provides itself.
 */
public final class KernelClasspath {
    /** The artifacts of IJava 1.3.0's kernel jar (lib/pom.xml copies exactly these into lib/target/kernel-jars). */
    static final List<String> KERNEL_ARTIFACTS = List.of("jupyter-jvm-basekernel", "gson", "commons-lang3", "jeromq",
            "jnacl", "ivy", "maven-model", "maven-model-builder", "plexus-utils");

    /** Every class of the shim package; a test checks no other class file is compiled into that package. */
    static final List<String> SHIM_CLASSES = List.of("Display", "Kernel", "Magics", "HeadlessKernel");

    static final String SHIM_PACKAGE = "io/github/spencerpark/ijava/runtime/";

    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

    private KernelClasspath() {
    }

    /** The entries of a class path string, as absolute paths. */
    public static List<Path> parse(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    /** The kernel jars among the given class path entries; fails if basekernel or gson is missing. */
    public static List<Path> kernelJars(List<Path> classpath) {
        List<Path> jars = new ArrayList<>();
        boolean basekernel = false;
        boolean gson = false;
        for (Path entry : classpath) {
            Matcher m = VERSIONED_JAR.matcher(entry.getFileName().toString());
            if (m.matches() && KERNEL_ARTIFACTS.contains(m.group(1))) {
                jars.add(entry);
                basekernel |= m.group(1).equals("jupyter-jvm-basekernel");
                gson |= m.group(1).equals("gson");
            }
        }
        if (!basekernel || !gson) {
            throw new KitException("the runner's class path lacks jupyter-jvm-basekernel and gson (IJava's kernel jars);"
                    + " build with ./mvnw -q -o package -DskipTests (lib/target/kernel-jars)");
        }
        return jars;
    }

    /** Copies the runtime shim's class files into {@code folder} (as a class path root) and returns the folder. */
    public static Path extractShim(Path folder) {
        Path packageDir = folder.resolve(SHIM_PACKAGE);
        try {
            Files.createDirectories(packageDir);
            for (String name : SHIM_CLASSES) {
                String resource = SHIM_PACKAGE + name + ".class";
                try (InputStream in = KernelClasspath.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new KitException("runtime shim class " + resource + " is missing from the runner");
                    }
                    Files.write(packageDir.resolve(name + ".class"), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new KitException("cannot write the IJava runtime shim to " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    /** Kernel jars from the given class path plus the shim extracted under {@code scratch}: the loader's entries. */
    public static List<Path> entries(List<Path> classpath, Path scratch) {
        List<Path> entries = new ArrayList<>(kernelJars(classpath));
        entries.add(extractShim(scratch));
        return entries;
    }
}
