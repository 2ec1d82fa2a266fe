package org.dgmkit.notebook;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The class loader notebook code sees below its own classes, as in IJava 1.3.0's kernel JVM: the whole JDK plus the
 * kernel jars (jupyter-jvm-basekernel 2.3.0, gson 2.8.5, ...) and the runtime shim, and nothing of the runner's own
 * class path. JDK classes of modules that the application loader defines (jdk.jshell, ...) come from there, since
 * IJava's user code sees them too; everything else off the JDK must come from {@link #entries}.
 */
public final class KernelClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final Set<String> JDK_PACKAGES = jdkPackages();

    private final List<Path> entries;

    /** A loader over the given jars/folders whose parent is the platform class loader. */
    public KernelClassLoader(List<Path> entries) {
        super("dgmkit-kernel", urls(entries), ClassLoader.getPlatformClassLoader());
        this.entries = List.copyOf(entries);
    }

    /** The jars and folders this loader reads, in order (also the JShell compiler's class path). */
    public List<Path> entries() {
        return entries;
    }

    /** Closes the jars; a failure to close only leaks file handles, so it is not reported. */
    @Override
    public void close() {
        try {
            super.close();
        } catch (java.io.IOException ignored) {
            // nothing to do: the JVM releases the handles at exit
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && JDK_PACKAGES.contains(name.substring(0, dot))) {
            // the system loader finds every JDK module's classes, whichever built-in loader defines them
            return Class.forName(name, false, ClassLoader.getSystemClassLoader());
        }
        return super.loadClass(name, resolve);
    }

    private static Set<String> jdkPackages() {
        Set<String> packages = new HashSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            packages.addAll(module.getPackages());
        }
        return packages;
    }

    private static URL[] urls(List<Path> entries) {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad class path entry " + entries.get(i), e);
            }
        }
        return urls;
    }
}
