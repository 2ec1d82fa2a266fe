package org.dgmkit.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dgmkit.cli.KitException;

/**
 * The per-row output of {@code kit detect}: {@code timestamp,value,anomaly_score,raw_score,alarm} (and
 * {@code label} when the input has labels), one row per input row in input order. The timestamp is echoed as the
 * input wrote it; value is the value the detector saw (the carried value under {@code --missing carry}); a row
 * without a usable value has blank value, anomaly_score and raw_score and alarm 0.
 */
public final class ScoresCsv {
    private ScoresCsv() {
    }

    /** The header line (without a line end). */
    public static String header(boolean labels) {
        return "timestamp,value,anomaly_score,raw_score,alarm" + (labels ? ",label" : "");
    }

    /** One output row (without a line end). */
    public static String row(String timestamp, double value, double score, double raw, boolean alarm, int label) {
        StringBuilder b = new StringBuilder();
        b.append(quoted(timestamp)).append(',');
        b.append(Double.isNaN(value) ? "" : number(value)).append(',');
        b.append(Double.isNaN(score) ? "" : Double.toString(score)).append(',');
        b.append(Double.isNaN(raw) ? "" : Double.toString(raw)).append(',');
        b.append(alarm ? '1' : '0');
        if (label >= 0) {
            b.append(',').append(label);
        }
        return b.toString();
    }

    /** Row {@code i} of a result. */
    static String row(SeriesDetection.Result r, int i) {
        SeriesInput in = r.input();
        return row(in.timestampText()[i], in.missing()[i] ? Double.NaN : in.values()[i], r.scores()[i], r.raw()[i],
                r.alarms()[i], in.labelled() ? in.labels()[i] : -1);
    }

    /** Writes a result's rows to {@code file} atomically (a temporary sibling, then a rename). */
    public static void write(Path file, SeriesDetection.Result r) {
        StringBuilder b = new StringBuilder(64 * (r.input().size() + 1));
        b.append(header(r.input().labelled())).append('\n');
        for (int i = 0; i < r.input().size(); i++) {
            b.append(row(r, i)).append('\n');
        }
        writeAtomically(file, b);
    }

    /** Writes text to {@code file} through a temporary sibling and a rename: readers never see half a file. */
    static void writeAtomically(Path file, CharSequence text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new KitException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** A value as written: integers without a fraction. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String quoted(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
