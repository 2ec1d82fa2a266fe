package org.dgmkit.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.dgmkit.cli.KitException;

/**
 * A synthetic monitoring export shaped like the files users bring to {@code kit detect}: header
 * {@code "Time","Value","Label"}, quoted local timestamps every 10 minutes across the end of daylight saving time (the
 * hour from 02:00 repeats), a daily cycle with noise, a few blank values, and labelled anomalies (a spike, a dip, a
 * level shift). For notebook 11 and its tests; fixed seed, so the same file every time.
 */
public final class MonitoringExport {
    private MonitoringExport() {
    }

    /**
     * The lines of an export of {@code rows} rows starting on 2020-10-23 00:00 (local time in a zone that leaves
     * summer time on 2020-10-25 at 03:00, as central Europe did).
     */
    public static List<String> lines(int rows, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(List.of("\"Time\",\"Value\",\"Label\""));
        LocalDateTime t = LocalDateTime.of(2020, 10, 23, 0, 0);
        LocalDateTime clocksBack = LocalDateTime.of(2020, 10, 25, 3, 0);
        boolean repeated = false;
        double shift = 0;
        for (int i = 0; i < rows; i++) {
            double day = 2 * Math.PI * (t.getHour() * 60 + t.getMinute()) / 1440.0;
            double v = 50 + 12 * Math.sin(day - 1.2) + 1.5 * r.nextGaussian();
            boolean anomaly = false;
            if (i == rows * 6 / 10) { // a spike
                v += 25;
                anomaly = true;
            }
            if (i >= rows * 7 / 10 && i < rows * 7 / 10 + 4) { // a dip of four rows
                v -= 20;
                anomaly = true;
            }
            if (i == rows * 17 / 20) { // a lasting level shift, labelled at its start
                shift = 15;
            }
            v += shift;
            if (i >= rows * 17 / 20 && i < rows * 17 / 20 + 6) {
                anomaly = true;
            }
            String value = i % 97 == 13 ? "" : String.format(Locale.ROOT, "%.3f", v);
            out.add("\"" + t.toString().replace('T', ' ') + ":00\"," + value + "," + (anomaly ? 1 : 0));
            t = t.plusMinutes(10);
            if (!repeated && t.equals(clocksBack)) {
                t = t.minusHours(1); // the clocks go back: 02:00-02:50 again
                repeated = true;
            }
        }
        return out;
    }

    /** Writes the export to {@code file} (folders created) and returns the file. */
    public static Path write(Path file, int rows, long seed) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.write(file, lines(rows, seed), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new KitException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
