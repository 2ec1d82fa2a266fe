package org.dgmkit.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dgmkit.cli.KitException;
import org.dgmkit.data.DatasetException;
import org.dgmkit.data.DatasetFetcher;
import org.dgmkit.data.Datasets;
import org.dgmkit.data.Manifest;
import org.dgmkit.data.ManifestEntry;

/**
 * Fetches, before any notebook runs, the datasets the notebooks' code refers to ({@code Mnist.}, {@code Nab.}), so
 * a missing dataset fails the run at once with the downloader's message rather than in the middle of a notebook.
 */
final class DatasetPrefetch {

    private DatasetPrefetch() {
    }

    /** The datasets that the code cells of {@code notebooks} use, in manifest order. */
    static Set<String> needed(List<PreparedNotebook> notebooks) {
        Set<String> needed = new LinkedHashSet<>();
        for (PreparedNotebook p : notebooks) {
            for (JsonElement c : p.notebook().cells()) {
                JsonObject cell = c.getAsJsonObject();
                if (!Notebook.type(cell).equals("code")) {
                    continue;
                }
                String source = Notebook.source(cell);
                if (source.contains("Mnist.")) {
                    needed.add("mnist");
                }
                if (source.contains("Nab.") || source.contains("NabCorpus.")) {
                    needed.add("nab");
                }
            }
        }
        return needed;
    }

    /** Makes sure every file of the needed datasets is in the cache, reporting to {@code terminal}. */
    static void fetch(List<PreparedNotebook> notebooks, PrintStream terminal) {
        Set<String> needed = needed(notebooks);
        if (needed.isEmpty()) {
            return;
        }
        DatasetFetcher fetcher = Datasets.fetcher(terminal);
        Manifest manifest = Manifest.bundled();
        for (String dataset : needed) {
            for (ManifestEntry e : manifest.dataset(dataset)) {
                try {
                    fetcher.ensure(e);
                } catch (DatasetException ex) {
                    throw new KitException("dataset " + dataset + " is needed by the notebooks: " + ex.getMessage(), ex);
                }
            }
        }
        terminal.println("[kit run] datasets ready in " + fetcher.cache() + ": " + String.join(", ", needed));
    }
}
