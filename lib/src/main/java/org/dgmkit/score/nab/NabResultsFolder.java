package org.dgmkit.score.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dgmkit.data.nab.NabCorpus;
import org.dgmkit.data.nab.NabFormatException;
import org.dgmkit.data.nab.NabSeries;
import org.dgmkit.data.nab.NabTimestamps;

/**
 * Reads a detector's results folder in NAB's layout, {@code DIR/<category>/<detector>_<file>.csv}, each with at
 * least the columns {@code timestamp} and {@code anomaly_score} (others, such as {@code value} or {@code label},
 * are ignored). Files at the top of DIR (NAB's {@code *_scores.csv} summaries) are ignored.
 *
 * <p>Checked, each failure naming the file and line: every expected file is there and no other CSV is; the
 * header has both columns; one row per data row, with the data file's timestamp; anomaly scores are numbers in
 * [0, 1].
 */
public final class NabResultsFolder {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    private NabResultsFolder() {
    }

    /** The detector name used in the file names: DIR's own name if its files use it, else the common prefix. */
    public static String detectorName(Path dir, NabCorpus corpus) {
        requireFolder(dir);
        List<Path> csvs = categoryCsvs(dir);
        String own = dir.toAbsolutePath().normalize().getFileName().toString();
        TreeSet<String> prefixes = new TreeSet<>();
        for (Path p : csvs) {
            String category = p.getParent().getFileName().toString();
            String file = p.getFileName().toString();
            if (file.startsWith(own + "_") && corpus.contains(category + "/" + file.substring(own.length() + 1))) {
                return own;
            }
            for (String name : corpus.names()) {
                if (name.startsWith(category + "/")) {
                    String suffix = "_" + name.substring(category.length() + 1);
                    if (file.endsWith(suffix) && file.length() > suffix.length()) {
                        prefixes.add(file.substring(0, file.length() - suffix.length()));
                    }
                }
            }
        }
        if (prefixes.size() == 1) {
            return prefixes.first();
        }
        throw new NabFormatException(dir + ": cannot tell the detector name: expected files named "
                + "<category>/<detector>_<file>.csv (e.g. artificialWithAnomaly/" + own
                + "_art_daily_jumpsup.csv)" + (prefixes.isEmpty() ? "" : "; found prefixes " + prefixes));
    }

    /** Reads the anomaly scores of every corpus file. */
    public static Map<String, double[]> read(Path dir, NabCorpus corpus) {
        return read(dir, corpus, corpus.names(), detectorName(dir, corpus));
    }

    /**
     * Reads the anomaly scores of the {@code expected} files (e.g. {@code corpus.artificialNames()}); results for
     * other corpus files are ignored, files that are not results of a corpus file are an error.
     */
    public static Map<String, double[]> read(Path dir, NabCorpus corpus, Collection<String> expected,
            String detector) {
        requireFolder(dir);
        Set<String> want = new LinkedHashSet<>(expected);
        Map<String, Path> found = new TreeMap<>();
        for (Path p : categoryCsvs(dir)) {
            String category = p.getParent().getFileName().toString();
            String file = p.getFileName().toString();
            String name = file.startsWith(detector + "_")
                    ? category + "/" + file.substring(detector.length() + 1) : null;
            if (name == null || !corpus.contains(name)) {
                throw new NabFormatException(p + ": extra file; expected only <category>/" + detector
                        + "_<file>.csv for files of the NAB corpus " + corpus.root());
            }
            if (want.contains(name)) {
                found.put(name, p);
            }
        }
        List<String> missing = want.stream().filter(n -> !found.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            String first = missing.get(0);
            throw new NabFormatException(dir.resolve(first.replace("/", "/" + detector + "_")) + ": missing"
                    + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more results files)" : "")
                    + "; expected one results file per NAB data file");
        }
        Map<String, double[]> out = new TreeMap<>();
        List<String> names = new ArrayList<>(found.keySet());
        List<NabSeries> series = corpus.series(names);
        for (NabSeries s : series) {
            out.put(s.name(), readFile(found.get(s.name()), s));
        }
        return out;
    }

    /** Reads one results file against its data series. */
    public static double[] readFile(Path file, NabSeries series) {
        LocalDateTime[] expected = series.timestamps();
        double[] scores = new double[expected.length];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new NabFormatException(file + ":1: empty file; expected a header with 'timestamp' and "
                        + "'anomaly_score'");
            }
            List<String> columns = Arrays.stream(strip(header).split(",", -1)).map(String::trim).toList();
            int tCol = columns.indexOf("timestamp");
            int sCol = columns.indexOf("anomaly_score");
            if (tCol < 0 || sCol < 0) {
                throw new NabFormatException(file + ":1: expected a header with columns 'timestamp' and "
                        + "'anomaly_score', found '" + header + "'");
            }
            int row = 0;
            int lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                if (parts.length != columns.size()) {
                    throw new NabFormatException(file + ":" + lineNo + ": expected " + columns.size()
                            + " fields as in the header, found " + parts.length);
                }
                if (row >= expected.length) {
                    throw new NabFormatException(file + ":" + lineNo + ": extra row; expected "
                            + expected.length + " rows as in the data file " + series.name());
                }
                LocalDateTime t = parse(parts[tCol].trim());
                if (t == null || !t.equals(expected[row])) {
                    throw new NabFormatException(file + ":" + lineNo + ": timestamp '" + parts[tCol].trim()
                            + "'; expected " + NabTimestamps.format(expected[row]) + " as in row " + (row + 1)
                            + " of the data file " + series.name());
                }
                String text = parts[sCol].trim();
                double v;
                try {
                    v = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new NabFormatException(file + ":" + lineNo + ": anomaly_score '" + text
                            + "'; expected a number in [0, 1]");
                }
                if (!(v >= 0 && v <= 1)) {
                    throw new NabFormatException(file + ":" + lineNo + ": anomaly_score " + text
                            + " outside [0, 1]; expected a number in [0, 1]");
                }
                scores[row++] = v;
            }
            if (row != expected.length) {
                throw new NabFormatException(file + ":" + (lineNo + 1) + ": ends after " + row
                        + " rows; expected " + expected.length + " rows as in the data file " + series.name());
            }
        } catch (IOException e) {
            throw new NabFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        return scores;
    }

    /**
     * Writes a detector's anomaly scores in NAB's layout, {@code dir/<category>/<detector>_<file>.csv} with columns
     * {@code timestamp,value,anomaly_score,label}, so that {@code kit nab-score --results dir} can score them.
     */
    public static void write(Path dir, String detector, NabCorpus corpus, Map<String, double[]> scoresByFile) {
        for (Map.Entry<String, double[]> e : new TreeMap<>(scoresByFile).entrySet()) {
            NabSeries s = corpus.series(e.getKey());
            double[] scores = e.getValue();
            if (scores.length != s.size()) {
                throw new NabFormatException(s.name() + ": " + scores.length + " anomaly scores; expected one per row ("
                        + s.size() + ")");
            }
            LocalDateTime[] t = s.timestamps();
            double[] values = s.values();
            int[] labels = s.windowLabels();
            StringBuilder b = new StringBuilder("timestamp,value,anomaly_score,label\n");
            for (int i = 0; i < t.length; i++) {
                b.append(NabTimestamps.format(t[i])).append(',').append(values[i]).append(',').append(scores[i])
                        .append(',').append(labels[i]).append('\n');
            }
            Path file = dir.resolve(s.category()).resolve(detector + "_" + s.fileName());
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, b, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new NabFormatException(file + ": cannot write: " + ex.getMessage(), ex);
            }
        }
    }

    private static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new NabFormatException(dir + ": no such results folder; expected DIR/<category>/<detector>_<file>.csv");
        }
    }

    private static List<Path> categoryCsvs(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> cats = Files.list(dir)) {
            for (Path cat : cats.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(cat)) {
                    files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                            .sorted().forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new NabFormatException(dir + ": cannot list: " + e.getMessage(), e);
        }
        return out;
    }

    private static LocalDateTime parse(String text) {
        LocalDateTime fast = NabTimestamps.parseData(text);
        if (fast != null) {
            return fast;
        }
        try {
            return LocalDateTime.parse(text, TIMESTAMP);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String strip(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
