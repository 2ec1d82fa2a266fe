package org.dgmkit.data.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * A NAB corpus folder: {@code data/<category>/<file>.csv}, {@code labels/combined_windows.json},
 * {@code labels/combined_labels.json} and {@code config/profiles.json}. Series are read on first use and kept.
 *
 * <pre>{@code
 * NabCorpus nab = NabCorpus.open(Path.of("shared/data/nab"));   // or Nab.corpus()
 * NabSeries s = nab.series("artificialWithAnomaly/art_daily_jumpsup.csv");
 * }</pre>
 */
public final class NabCorpus {
    private final Path root;
    private final List<String> names;
    private final Map<String, List<LocalDateTime[]>> windowLimits;
    private final Map<String, List<LocalDateTime>> labels;
    private final Map<String, NabProfile> profiles;
    private final Map<String, NabSeries> loaded = new ConcurrentHashMap<>();

    private NabCorpus(Path root, List<String> names, Map<String, List<LocalDateTime[]>> windowLimits,
            Map<String, List<LocalDateTime>> labels, Map<String, NabProfile> profiles) {
        this.root = root;
        this.names = names;
        this.windowLimits = windowLimits;
        this.labels = labels;
        this.profiles = profiles;
    }

    /** Opens the NAB folder at {@code root}, checking that data files and label entries correspond one to one. */
    public static NabCorpus open(Path root) {
        Path data = root.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new NabFormatException(data + ": missing; expected a NAB folder with data/<category>/<file>.csv");
        }
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(data, 2)) {
            files.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .filter(p -> data.relativize(p).getNameCount() == 2)
                    .forEach(p -> found.add(data.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new NabFormatException(data + ": cannot list: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new NabFormatException(data + ": no data files; expected data/<category>/<file>.csv");
        }
        Path windowsFile = root.resolve("labels").resolve("combined_windows.json");
        Map<String, List<LocalDateTime[]>> windows = NabLabels.readWindows(windowsFile);
        for (String name : found) {
            if (!windows.containsKey(name)) {
                throw new NabFormatException(windowsFile + ": no entry for data file " + name
                        + "; expected one (possibly empty) window list per data file");
            }
        }
        for (String name : windows.keySet()) {
            if (!found.contains(name)) {
                throw new NabFormatException(windowsFile + ": entry '" + name + "' has no data file "
                        + data.resolve(name));
            }
        }
        Path labelsFile = root.resolve("labels").resolve("combined_labels.json");
        Map<String, List<LocalDateTime>> labels = Files.isRegularFile(labelsFile)
                ? NabLabels.readLabels(labelsFile) : Map.of();
        Map<String, NabProfile> profiles = NabProfile.readAll(root.resolve("config").resolve("profiles.json"));
        return new NabCorpus(root, List.copyOf(found), windows, labels, profiles);
    }

    /** The corpus folder. */
    public Path root() {
        return root;
    }

    /** All file names ("category/file.csv"), sorted. */
    public List<String> names() {
        return names;
    }

    /** The names of the artificial series (categories artificialNoAnomaly and artificialWithAnomaly), sorted. */
    public List<String> artificialNames() {
        return names.stream().filter(n -> n.startsWith("artificial")).toList();
    }

    /** Whether {@code name} is a file of this corpus. */
    public boolean contains(String name) {
        return windowLimits.containsKey(name);
    }

    /** The series {@code name} with its windows, read on first use. */
    public NabSeries series(String name) {
        if (!contains(name)) {
            throw new NabFormatException("no NAB file '" + name + "' in " + root
                    + "; expected a name like 'artificialWithAnomaly/art_daily_jumpsup.csv'");
        }
        return loaded.computeIfAbsent(name, this::load);
    }

    /** The series of the given names, in that order (read in parallel on first use). */
    public List<NabSeries> series(Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        list.parallelStream().forEach(this::series);
        return list.stream().map(this::series).toList();
    }

    /** Every series, in name order. */
    public List<NabSeries> all() {
        return series(names);
    }

    /** The 11 artificial series, in name order. */
    public List<NabSeries> artificial() {
        return series(artificialNames());
    }

    /** The scoring profiles of config/profiles.json, in file order. */
    public Map<String, NabProfile> profiles() {
        return Collections.unmodifiableMap(profiles);
    }

    /** One profile by name ("standard", "reward_low_FP_rate", "reward_low_FN_rate"). */
    public NabProfile profile(String name) {
        NabProfile p = profiles.get(name);
        if (p == null) {
            throw new NabFormatException("no profile '" + name + "' in " + root.resolve("config/profiles.json")
                    + "; expected one of " + profiles.keySet());
        }
        return p;
    }

    /** Number of anomaly windows over the given files (NAB's count of true positives of a perfect detector). */
    public int windowCount(Collection<String> names) {
        int n = 0;
        for (String name : names) {
            n += windowLimits.get(name).size();
        }
        return n;
    }

    private NabSeries load(String name) {
        Path file = root.resolve("data").resolve(name);
        Table table = NabCsv.read(file, false); // NAB's files repeat timestamps; NAB reads them as they are
        LocalDateTime[] t = table.dateTimeColumn("timestamp").asObjectArray();
        List<NabWindow> windows = new ArrayList<>();
        for (LocalDateTime[] limits : windowLimits.get(name)) {
            windows.add(window(name, t, limits));
        }
        List<LocalDateTime> anomalies = labels.getOrDefault(name, List.of());
        return new NabSeries(name, table, List.copyOf(windows), List.copyOf(anomalies),
                NabSeries.probationRows(t.length));
    }

    /**
     * The window's rows as NAB's sweeper finds them: from the first row stamped with the start to the first row
     * stamped with the end ({@code timestamps.index(end)}); NAB requires both limits to be timestamps of the file.
     */
    private NabWindow window(String name, LocalDateTime[] t, LocalDateTime[] limits) {
        int first = java.util.Arrays.asList(t).indexOf(limits[0]);
        int last = java.util.Arrays.asList(t).indexOf(limits[1]);
        if (first < 0 || last < 0) {
            throw new NabFormatException(root.resolve("labels/combined_windows.json") + ": " + name + ": window ["
                    + limits[0] + ", " + limits[1] + "]: expected both limits to be timestamps of "
                    + root.resolve("data").resolve(name) + " (NAB requires exact matches)");
        }
        if (last < first) {
            throw new NabFormatException(root.resolve("labels/combined_windows.json") + ": " + name + ": window ["
                    + limits[0] + ", " + limits[1] + "]: its end comes before its start in the data file");
        }
        return new NabWindow(limits[0], limits[1], first, last);
    }
}
