package org.dgmkit.score;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One progress line on stdout, rewritten in place with {@code \r}: done/total, rate and ETA. Updates at
 * most twice a second; {@link #finish()} prints the final line and a newline.
 */
public final class Progress {
    private final String label;
    private final String unit;
    private final long total;
    private final boolean enabled;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastPrintNanos;

    /**
     * @param label   what is being done, e.g. "IW bound"
     * @param unit    what is counted, e.g. "image-samples"
     * @param total   how many units in all
     * @param enabled false for silence (tests, nested calls)
     */
    public Progress(String label, String unit, long total, boolean enabled) {
        this(label, unit, total, enabled, System.out);
    }

    /** As {@link #Progress(String, String, long, boolean)}, printing to {@code out}. */
    public Progress(String label, String unit, long total, boolean enabled, PrintStream out) {
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.enabled = enabled;
        this.out = out;
    }

    /** Records {@code n} more units done. */
    public void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (enabled && now - lastPrintNanos > 500_000_000L) {
            lastPrintNanos = now;
            out.print("\r" + line(now));
            out.flush();
        }
    }

    /** Prints the final line. */
    public void finish() {
        if (enabled) {
            out.println("\r" + line(System.nanoTime()));
            out.flush();
        }
    }

    /** Units per second so far. */
    public double rate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds > 0 ? done / seconds : 0;
    }

    private String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        return String.format(Locale.ROOT, "%s: %d/%d %s (%.0f%%)  %.1f/s  %s %s", label, done, total, unit,
                total == 0 ? 100.0 : 100.0 * done / total, rate, done >= total ? "took" : "ETA",
                done >= total ? formatSeconds(seconds) : formatSeconds(eta));
    }

    private static String formatSeconds(double s) {
        if (Double.isNaN(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s" : t + "s";
    }
}
