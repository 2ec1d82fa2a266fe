package org.dgmkit.data;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where datasets live and how a notebook gets them: {@code Datasets.ensure("mnist")} returns the dataset's
 * cache folder once every file of it is there and verified.
 *
 * <p>The cache is {@code $DGMKIT_DATA} if set, else {@code data/cache/} of the kit checkout (found by walking up
 * from the working directory to the folder holding {@code data/manifest.tsv}), else {@code ~/.cache/dgmkit}.
 * The mirror tried first is {@code $DGMKIT_MIRROR} (a folder with the layout of {@code shared/data}).
 */
public final class Datasets {

    private Datasets() {
    }

    /** The dataset cache folder. */
    public static Path cacheDir() {
        String configured = setting("DGMKIT_DATA", "dgmkit.data");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path root = kitRoot();
        if (root != null) {
            return root.resolve("data").resolve("cache");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "dgmkit");
    }

    /** The local mirror folder, or null when none is configured. */
    public static Path mirrorDir() {
        String configured = setting("DGMKIT_MIRROR", "dgmkit.mirror");
        return configured == null ? null : Path.of(configured).toAbsolutePath().normalize();
    }

    /** The kit checkout's root (the folder holding data/manifest.tsv) above the working directory, or null. */
    public static Path kitRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("data").resolve("manifest.tsv"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        return null;
    }

    /** A fetcher over the configured cache and mirror, reporting to {@code log}. */
    public static DatasetFetcher fetcher(PrintStream log) {
        return new DatasetFetcher(cacheDir(), mirrorDir(), log);
    }

    /**
     * Makes sure every file of {@code dataset} ("mnist", "nab", "fashion-mnist", "kpi") is in the cache, fetching what is
     * missing, and returns the dataset's folder in the cache (e.g. {@code <cache>/nab}).
     */
    public static Path ensure(String dataset) {
        List<ManifestEntry> entries = Manifest.bundled().dataset(dataset);
        DatasetFetcher fetcher = fetcher(System.out);
        for (ManifestEntry e : entries) {
            fetcher.ensure(e);
        }
        return fetcher.cache().resolve(dataset);
    }

    /** One cached file by its manifest path (e.g. "mnist/t10k-images-idx3-ubyte.gz"), fetched if missing. */
    public static Path file(String path) {
        return fetcher(System.out).ensure(Manifest.bundled().file(path));
    }

    private static String setting(String env, String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
