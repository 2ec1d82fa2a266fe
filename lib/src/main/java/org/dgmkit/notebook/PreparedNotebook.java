package org.dgmkit.notebook;

import java.nio.file.Path;
import java.util.Map;

/**
 * A notebook ready to run: where it lives (its folder is the working directory), its name for messages, where the
 * executed copy goes, and the notebook with parameters already injected.
 */
record PreparedNotebook(Path source, String label, Path output, Notebook notebook, Map<String, String> parameters) {

    /** The notebook's folder, against which its relative paths resolve. */
    Path folder() {
        return source.toAbsolutePath().getParent();
    }

    /** File name without .ipynb. */
    String stem() {
        String name = source.getFileName().toString();
        return name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
    }
}
