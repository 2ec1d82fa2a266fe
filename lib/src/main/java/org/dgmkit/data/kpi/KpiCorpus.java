package org.dgmkit.data.kpi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A KPI corpus folder: {@code train/<id>.csv} and {@code test/<id>.csv} for the same ids (29 in the AIOps 2018
 * challenge data). Ids are in sorted (string) order, so the order is stable across machines. A series is the train
 * part followed by the test part ({@link KpiSeries#testStart()} marks where test begins); opening checks that both
 * folders hold the same ids, reading a series checks that its test part starts after its train part ends.
 *
 * <p>Files are read on first use and cached for the life of the JVM, keyed by path, size and modification time (a
 * changed file is read again): the whole corpus (58 files, 5.9 M rows, about 120 MB in memory) reads in a few
 * seconds once, then {@link #all()} costs nothing, also through a new {@link #open(Path)} of the same folder.
 * {@link #clearCache()} lets the memory go.
 *
 * <pre>{@code
 * KpiCorpus kpi = Kpi.corpus();                        // dataset cache; or KpiCorpus.open(Path.of(".../kpi"))
 * for (KpiSeries s : kpi.all()) { ... s.values(), s.labels(), s.testStart() ... }
 * }</pre>
 */
public final class KpiCorpus {
    private static final Map<FileKey, KpiPart> CACHE = new ConcurrentHashMap<>();

    private final Path root;
    private final List<String> ids;

    private KpiCorpus(Path root, List<String> ids) {
        this.root = root;
        this.ids = ids;
    }

    /** Opens the corpus folder at {@code root} (holding {@code train/} and {@code test/}); reads no data yet. */
    public static KpiCorpus open(Path root) {
        TreeSet<String> train = list(root, "train");
        TreeSet<String> test = list(root, "test");
        for (String id : train) {
            if (!test.contains(id)) {
                throw new KpiFormatException(root.resolve("train").resolve(id + ".csv") + ": no matching test file "
                        + root.resolve("test").resolve(id + ".csv") + "; expected every KPI in both train/ and test/");
            }
        }
        for (String id : test) {
            if (!train.contains(id)) {
                throw new KpiFormatException(root.resolve("test").resolve(id + ".csv") + ": no matching train file "
                        + root.resolve("train").resolve(id + ".csv") + "; expected every KPI in both train/ and test/");
            }
        }
        return new KpiCorpus(root, List.copyOf(train));
    }

    /** The corpus folder. */
    public Path root() {
        return root;
    }

    /** The KPI ids, sorted. */
    public List<String> ids() {
        return ids;
    }

    /** Whether {@code id} is a KPI of this corpus. */
    public boolean contains(String id) {
        return ids.contains(id);
    }

    /** The train file of {@code id}. */
    public Path trainFile(String id) {
        return root.resolve("train").resolve(id + ".csv");
    }

    /** The test file of {@code id}. */
    public Path testFile(String id) {
        return root.resolve("test").resolve(id + ".csv");
    }

    /** The train part of {@code id}, read on first use. */
    public KpiPart train(String id) {
        return part(trainFile(known(id)));
    }

    /** The test part of {@code id}, read on first use. */
    public KpiPart test(String id) {
        return part(testFile(known(id)));
    }

    /** The series {@code id}: train followed by test. */
    public KpiSeries series(String id) {
        KpiPart train = train(id);
        KpiPart test = test(id);
        long last = train.timestamp(train.size() - 1);
        if (test.timestamp(0) <= last) {
            throw KpiFormatException.at(test.file(), 2, "first timestamp " + test.timestamp(0) + " is not after "
                    + last + ", the last one of " + train.file() + "; expected the test part to continue the train "
                    + "part in time");
        }
        return new KpiSeries(id, train, test);
    }

    /** The series of the given ids, in that order (files read in parallel on first use). */
    public List<KpiSeries> series(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        list.forEach(this::known);
        List<Path> files = new ArrayList<>();
        for (String id : list) {
            files.add(trainFile(id));
            files.add(testFile(id));
        }
        files.parallelStream().forEach(KpiCorpus::part);
        return list.stream().map(this::series).toList();
    }

    /** Every series, in id order. */
    public List<KpiSeries> all() {
        return series(ids);
    }

    /** Forgets every cached file (of every corpus), letting its memory go. */
    public static void clearCache() {
        CACHE.clear();
    }

    private String known(String id) {
        if (!contains(id)) {
            throw new KpiFormatException("no KPI '" + id + "' in " + root + "; expected one of the ids of "
                    + root.resolve("train") + ", e.g. '" + (ids.isEmpty() ? "" : ids.get(0)) + "'");
        }
        return id;
    }

    private static KpiPart part(Path file) {
        FileKey key;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            key = new FileKey(file.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new KpiFormatException(file + ": cannot read: " + e, e);
        }
        KpiPart cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        KpiPart read = KpiCsv.read(file); // outside the map's lock: reading takes a while
        CACHE.keySet().removeIf(k -> k.path().equals(key.path()) && !k.equals(key)); // an older version of the file
        KpiPart raced = CACHE.putIfAbsent(key, read);
        return raced != null ? raced : read;
    }

    private static TreeSet<String> list(Path root, String part) {
        Path dir = root.resolve(part);
        if (!Files.isDirectory(dir)) {
            throw new KpiFormatException(dir + ": missing; expected a KPI folder with train/<id>.csv and "
                    + "test/<id>.csv");
        }
        TreeSet<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .forEach(p -> {
                        String name = p.getFileName().toString();
                        ids.add(name.substring(0, name.length() - ".csv".length()));
                    });
        } catch (IOException e) {
            throw new KpiFormatException(dir + ": cannot list: " + e, e);
        }
        if (ids.isEmpty()) {
            throw new KpiFormatException(dir + ": no .csv files; expected " + part + "/<id>.csv per KPI");
        }
        return ids;
    }

    private record FileKey(Path path, long size, long modified) {
    }
}
