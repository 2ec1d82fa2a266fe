package org.dgmkit.detect;

import java.util.Locale;

/**
 * An alarm rest period, in one of two modes ({@link Mode}). NAB charges every alarm row outside an anomaly window,
 * and one anomaly often lifts the score for many rows; a rest period keeps the first.
 * <ul>
 *   <li>{@link Mode#FIXED}: after a row whose score reaches {@code alarmLevel} (an alarm), the next {@code rows}
 *       rows are quiet — their scores are capped at {@code quietScore}. The rest period counts from the alarm that
 *       started it (a capped row is no alarm and does not extend it).</li>
 *   <li>{@link Mode#EPISODE} (NAB's context_ose detector): a row is quiet while any of the {@code rows} rows before
 *       it had an unmuted score (the score given to {@link #apply}, before capping) at or above {@code alarmLevel};
 *       the rest lasts as long as the anomaly episode keeps the scores high, and ends {@code rows} rows after the
 *       last high score. The first high score after {@code rows} low ones passes. (Context_ose also starts with
 *       one high score, muting the first rows; here the first row is free.)</li>
 * </ul>
 *
 * <p>Streaming and causal: {@link #apply} sees the row's score and the scores before it. {@code rows = 0} turns it
 * off.
 */
public final class RestPeriod {
    /** How long a rest period lasts. */
    public enum Mode {
        /** A fixed number of rows after an alarm. */
        FIXED,
        /** While the trailing window of unmuted scores holds one at or above the alarm level. */
        EPISODE;

        /** The mode named {@code fixed} or {@code episode} (any case); fails naming both. */
        public static Mode parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "fixed" -> FIXED;
                case "episode" -> EPISODE;
                default -> throw new IllegalArgumentException("rest mode '" + name + "': expected fixed or episode");
            };
        }
    }

    private final Mode mode;
    private final int rows;
    private final double alarmLevel;
    private final double quietScore;
    private int quietLeft; // FIXED: capped rows left
    private long sinceHigh = Long.MAX_VALUE; // EPISODE: rows since the last unmuted score >= alarmLevel

    /**
     * A fixed rest period.
     *
     * @param rows       rows after an alarm that are capped (&ge; 0)
     * @param alarmLevel score at or above which a row is an alarm
     * @param quietScore the cap during the rest period (&le; alarmLevel)
     */
    public RestPeriod(int rows, double alarmLevel, double quietScore) {
        this(Mode.FIXED, rows, alarmLevel, quietScore);
    }

    /**
     * @param mode       how long the rest lasts
     * @param rows       FIXED: rows after an alarm that are capped; EPISODE: the trailing window of unmuted scores
     *                   (&ge; 0)
     * @param alarmLevel score at or above which a row is an alarm
     * @param quietScore the cap during the rest period (&le; alarmLevel)
     */
    public RestPeriod(Mode mode, int rows, double alarmLevel, double quietScore) {
        if (mode == null) {
            throw new IllegalArgumentException("rest mode must not be null");
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rest period rows must be >= 0, got " + rows);
        }
        if (!(quietScore <= alarmLevel)) {
            throw new IllegalArgumentException("quietScore " + quietScore + " must not exceed alarmLevel " + alarmLevel);
        }
        this.mode = mode;
        this.rows = rows;
        this.alarmLevel = alarmLevel;
        this.quietScore = quietScore;
    }

    /** An episode rest period ({@link Mode#EPISODE}) with a trailing window of {@code window} rows. */
    public static RestPeriod episode(int window, double alarmLevel, double quietScore) {
        return new RestPeriod(Mode.EPISODE, window, alarmLevel, quietScore);
    }

    /** No rest period: every score passes unchanged. */
    public static RestPeriod none() {
        return new RestPeriod(0, 1.0, 0.0);
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /** Rows capped after an alarm (FIXED), or the trailing window (EPISODE). */
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
        return new RestPeriod(mode, rows, alarmLevel, quietScore);
    }

    /** The row's score after the rest period: capped while quiet, else unchanged. */
    public double apply(double score) {
        if (mode == Mode.EPISODE) {
            // quiet iff one of the previous `rows` unmuted scores was high: the last high one is <= rows rows back
            boolean quiet = sinceHigh <= rows;
            if (sinceHigh != Long.MAX_VALUE) {
                sinceHigh++;
            }
            if (score >= alarmLevel) {
                sinceHigh = 1; // seen from the next row, the high score is one row back
            }
            return quiet ? Math.min(score, quietScore) : score;
        }
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
