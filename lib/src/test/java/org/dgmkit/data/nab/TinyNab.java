package org.dgmkit.data.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Writes a tiny NAB folder for tests: two 20-row series, one with a window on rows 10..14. */
public final class TinyNab {
    /** The series with one window. */
    public static final String WITH = "artificialWithAnomaly/art_tiny_jump.csv";
    /** The series without windows. */
    public static final String WITHOUT = "realTest/tiny_flat.csv";
    /** Rows per series. */
    public static final int ROWS = 20;
    /** Start of the timestamps (5-minute steps). */
    public static final LocalDateTime T0 = LocalDateTime.of(2014, 4, 1, 0, 0);

    private TinyNab() {
    }

    /** Timestamp of row i as in data files. */
    public static String ts(int i) {
        return NabTimestamps.format(T0.plusMinutes(5L * i));
    }

    /** Creates the folder under {@code root} and returns root. */
    public static Path create(Path root) throws IOException {
        writeSeries(root.resolve("data").resolve(WITH), ROWS);
        writeSeries(root.resolve("data").resolve(WITHOUT), ROWS);
        Files.createDirectories(root.resolve("labels"));
        Files.writeString(root.resolve("labels/combined_windows.json"), "{\n  \"" + WITH + "\": [[\"" + ts(10)
                + ".000000\", \"" + ts(14) + ".000000\"]],\n  \"" + WITHOUT + "\": []\n}\n");
        Files.writeString(root.resolve("labels/combined_labels.json"), "{\n  \"" + WITH + "\": [\"" + ts(12)
                + "\"],\n  \"" + WITHOUT + "\": []\n}\n");
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/profiles.json"), """
                {
                "standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}},
                "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22,
                  "tnWeight": 1.0}},
                "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11,
                  "tnWeight": 1.0}}
                }
                """);
        return root;
    }

    /** Writes a detector results folder {@code dir/<category>/<detector>_<file>.csv} with the given scores. */
    public static void writeResults(Path dir, String detector, String name, double[] scores) throws IOException {
        String category = name.substring(0, name.indexOf('/'));
        String file = name.substring(name.indexOf('/') + 1);
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value,anomaly_score,label");
        for (int i = 0; i < scores.length; i++) {
            lines.add(ts(i) + "," + i + "," + scores[i] + ",0");
        }
        Path p = dir.resolve(category).resolve(detector + "_" + file);
        Files.createDirectories(p.getParent());
        Files.write(p, lines);
    }

    private static void writeSeries(Path file, int n) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value");
        for (int i = 0; i < n; i++) {
            lines.add(ts(i) + "," + (i * 0.5));
        }
        Files.write(file, lines);
    }
}
