package org.dgmkit.score.events;

import java.util.List;

/**
 * Event metrics over several series: the summed counts (so precision, recall and F1 are recomputed from the
 * sums, a micro-average where a series with many segments weighs more) and the mean AP over the series whose
 * AP is defined (a macro-average: AP is not additive).
 *
 * @param series      number of series pooled
 * @param seriesWithAp series with a defined (non-NaN) AP
 * @param meanAp      mean AP over those series; NaN when there is none
 * @param counts      sums of the series' counts
 */
public record PooledEventScores(int series, int seriesWithAp, double meanAp, EventCounts counts) {

    /** Pools the per-series results. */
    public static PooledEventScores of(List<EventScores> perSeries) {
        EventCounts sum = EventCounts.ZERO;
        int withAp = 0;
        double apSum = 0;
        for (EventScores s : perSeries) {
            sum = sum.plus(s.counts());
            if (!Double.isNaN(s.ap())) {
                withAp++;
                apSum += s.ap();
            }
        }
        return new PooledEventScores(perSeries.size(), withAp, withAp == 0 ? Double.NaN : apSum / withAp, sum);
    }
}
