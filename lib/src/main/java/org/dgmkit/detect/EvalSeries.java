package org.dgmkit.detect;

import java.time.LocalDateTime;
import org.dgmkit.data.nab.NabSeries;

/**
 * A series of an evaluation corpus as a detector runs on it (NAB's files, the KPI series): its name (unique within
 * the corpus, the key of the raw-score cache), times, values and probationary period.
 *
 * @param name      unique name, e.g. {@code realKnownCause/nyc_taxi.csv} or {@code kpi-selection/<id>}
 * @param times     the rows' times
 * @param values    the rows' values (finite)
 * @param probation the probationary period in rows
 */
public record EvalSeries(String name, LocalDateTime[] times, double[] values, int probation) {
    public EvalSeries {
        if (times.length != values.length) {
            throw new IllegalArgumentException(name + ": " + times.length + " times but " + values.length + " values");
        }
    }

    /** A NAB file with NAB's probationary period. */
    public static EvalSeries of(NabSeries s) {
        return new EvalSeries(s.name(), s.timestamps(), s.values(), s.probationRows());
    }

    /** Rows. */
    public int size() {
        return values.length;
    }
}
