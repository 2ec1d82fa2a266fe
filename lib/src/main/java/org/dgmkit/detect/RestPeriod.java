package org.dgmkit.detect;

/**
 * An alarm rest period: after a row whose score reaches {@code alarmLevel} (an alarm), the next {@code rows} rows
 * are quiet — their scores are capped at {@code quietScore}. NAB charges every alarm row outside an anomaly window,
 * and one anomaly often lifts the score for many rows; this keeps the first.
 *
 * <p>Streaming and causal: {@link #apply} sees the row's score and the alarms before it. The rest period counts from
 * the alarm that started it (a capped row is no alarm and does not extend it). {@code rows = 0} turns it off.
 */
public final class RestPeriod {
    private final int rows;
    private final double alarmLevel;
    private final double quietScore;
    private int quietLeft;

    /**
     * @param rows       rows after an alarm that are capped (&ge; 0)
     * @param alarmLevel score at or above which a row is an alarm
     * @param quietScore the cap during the rest period (&le; alarmLevel)
     */
    public RestPeriod(int rows, double alarmLevel, double quietScore) {
        if (rows < 0) {
            throw new IllegalArgumentException("rest period rows must be >= 0, got " + rows);
        }
        if (!(quietScore <= alarmLevel)) {
            throw new IllegalArgumentException("quietScore " + quietScore + " must not exceed alarmLevel " + alarmLevel);
        }
        this.rows = rows;
        this.alarmLevel = alarmLevel;
        this.quietScore = quietScore;
    }

    /** No rest period: every score passes unchanged. */
    public static RestPeriod none() {
        return new RestPeriod(0, 1.0, 0.0);
    }

    /** Rows capped after an alarm. */
    public int rows() {
        return rows;
    }

    /** The alarm level. */
    public double alarmLevel() {
        return alarmLevel;
    }

    /** The cap during the rest period. */
    public double quietScore() {
        return quietScore;
    }

    /** A fresh copy with no alarm seen. */
    public RestPeriod fresh() {
        return new RestPeriod(rows, alarmLevel, quietScore);
    }

    /** The row's score after the rest period: capped while quiet, else unchanged (and an alarm starts one). */
    public double apply(double score) {
        if (quietLeft > 0) {
            quietLeft--;
            return Math.min(score, quietScore);
        }
        if (score >= alarmLevel && rows > 0) {
            quietLeft = rows;
        }
        return score;
    }
}
