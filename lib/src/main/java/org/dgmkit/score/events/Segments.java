package org.dgmkit.score.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Labelled segments of a series: the maximal runs of consecutive rows with label 1, each as a row range
 * {@code [start, end)}. A run touching the series' first or last row is a segment like any other.
 *
 * <p>Why: detectors raise alarms on anomalies (events) that span many rows; event metrics and the point
 * adjustment of the KPI challenge both work on these runs rather than on single rows.
 */
public final class Segments {
    private Segments() {
    }

    /**
     * The labelled segments in row order.
     *
     * @param labels 0 (normal) or 1 (anomalous) per row
     * @throws IllegalArgumentException naming the first label that is neither 0 nor 1
     */
    public static List<Segment> of(int[] labels) {
        List<Segment> segments = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label == 1) {
                if (start < 0) {
                    start = i;
                }
            } else if (label == 0) {
                if (start >= 0) {
                    segments.add(new Segment(start, i));
                    start = -1;
                }
            } else {
                throw new IllegalArgumentException("labels[" + i + "] is " + label + ", expected 0 (normal) or 1 (anomalous)");
            }
        }
        if (start >= 0) {
            segments.add(new Segment(start, labels.length));
        }
        return segments;
    }
}
