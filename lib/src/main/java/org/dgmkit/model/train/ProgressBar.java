package org.dgmkit.model.train;

import java.io.PrintStream;

/**
 * One-line progress display redrawn in place with '\r' (terminals and Jupyter both honour it), at most
 * a few times per second; {@link #finish} ends the line.
 */
public final class ProgressBar {
    private static final long MIN_REDRAW_NANOS = 250_000_000L;
    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    /** A bar for {@code total} steps labelled e.g. "epoch 3/10". */
    public ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Redraws (rate-limited) after {@code done} steps with a loss and a throughput in samples per second. */
    public void update(int done, double loss, double samplesPerSecond) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < MIN_REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
        int width = 24;
        int filled = total == 0 ? width : (int) Math.round(width * (double) done / total);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 && done < total ? ">" : filled > 0 ? "=" : "")
                + " ".repeat(width - filled);
        String line = String.format("%s [%s] %d/%d loss %.4f %,.0f samples/s ETA %s", label, bar, done, total, loss,
                samplesPerSecond, time(eta));
        int pad = Math.max(0, lastLength - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
    }

    /** Ends the line with a summary text. */
    public void finish(String summary) {
        String line = label + " " + summary;
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) + "\n");
        out.flush();
    }

    static String time(double seconds) {
        if (Double.isNaN(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%02d:%02d", s / 60, s % 60);
    }
}
