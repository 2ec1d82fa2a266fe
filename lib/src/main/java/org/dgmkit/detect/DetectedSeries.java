package org.dgmkit.detect;

import org.dgmkit.data.series.SeriesTable;
import org.dgmkit.score.events.EventMetrics;
import org.dgmkit.score.events.EventScores;

/**
 * One series of a {@code kit detect} run: its result and label metrics, or the error that stopped it (a folder run
 * goes on with the other series and names this one in its summary).
 *
 * @param name    the stem of its outputs
 * @param source  the file it came from ({@code -} for standard input)
 * @param result  the detection, null when it failed
 * @param metrics the label metrics, null without labels or on failure
 * @param error   the error message, null when it succeeded
 */
public record DetectedSeries(String name, String source, SeriesDetection.Result result, EventScores metrics,
                             String error) {

    /** A failed series. */
    public static DetectedSeries failed(String name, String source, String error) {
        return new DetectedSeries(name, source, null, null, error);
    }

    /** Whether it was scored. */
    public boolean ok() {
        return error == null;
    }

    /** A successful detection with its label metrics (when the input has labels). */
    public static DetectedSeries of(String name, String source, SeriesDetection.Result r, int delay) {
        return new DetectedSeries(name, source, r, metrics(r, delay), null);
    }

    /** The label metrics of a result, or null when its input has no labels. */
    static EventScores metrics(SeriesDetection.Result r, int delay) {
        if (!r.input().labelled()) {
            return null;
        }
        return EventMetrics.of(r.scores(), r.alarms(), r.input().labels(), r.firstEvaluatedRow(), delay);
    }

    /** The detector's view of a table read by {@link org.dgmkit.data.series.SeriesCsv}. */
    public static SeriesInput input(String name, SeriesTable t) {
        return new SeriesInput(name, t.timestamps(), t.times(), t.values(), t.missing(),
                t.hasLabels() ? t.labels() : null, t.lines(), t.counts().carried(), t.counts().repeated(),
                t.counts().backward());
    }
}
