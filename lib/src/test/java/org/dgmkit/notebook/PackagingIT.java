package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What {@code package} lays out for the notebooks and the runner: {@code lib/target/jars/dgmkit-lib.jar} (what a
 * notebook's {@code %jars ../lib/target/jars/*.jar} loads) carries no class of IJava's own runtime package, and the
 * runner's stand-in for it sits alone in {@code lib/target/kernel-jars/}, on the runner's class path only.
 */
class PackagingIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private static Set<String> entries(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.stream().map(e -> e.getName()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theNotebooksJarHoldsNoIjavaRuntimeClasses() throws IOException {
        Set<String> lib = entries(TARGET.resolve("jars/dgmkit-lib.jar"));
        assertTrue(lib.stream().noneMatch(n -> n.startsWith("io/")), "io/ entries in dgmkit-lib.jar: "
                + lib.stream().filter(n -> n.startsWith("io/")).toList());
        assertTrue(lib.contains("org/dgmkit/model/vae/Vae.class"), "the library itself is there");
        assertTrue(lib.contains("META-INF/services/org.dgmkit.model.train.ModelTypeProvider"));
    }

    @Test
    void theStandInSitsBesideTheKernelJars() throws IOException {
        Set<String> shim = entries(TARGET.resolve("kernel-jars/dgmkit-lib-ijava-runtime.jar")).stream()
                .filter(n -> n.endsWith(".class")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = KernelClasspath.SHIM_CLASSES.stream().map(c -> KernelClasspath.SHIM_PACKAGE + c + ".class")
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add(KernelClasspath.SHIM_PACKAGE + "package-info.class");
        assertEquals(expected, shim);
        // the runner picks the kernel jars by artifact name; the stand-in is copied in separately, never twice
        Path kernel = TARGET.resolve("kernel-jars");
        var picked = KernelClasspath.kernelJars(List.of(kernel.resolve("jupyter-jvm-basekernel-2.3.0.jar"),
                kernel.resolve("gson-2.8.5.jar"), kernel.resolve("dgmkit-lib-ijava-runtime.jar")));
        assertEquals(List.of("jupyter-jvm-basekernel-2.3.0.jar", "gson-2.8.5.jar"),
                picked.stream().map(f -> f.getFileName().toString()).toList());
    }
}
