package org.dgmkit.score.nab;

/** NAB's scaled sigmoid ({@code nab/sweeper.py scaledSigmoid}), evaluated in the same order of operations. */
public final class NabSigmoid {
    private NabSigmoid() {
    }

    /** The standard sigmoid 1/(1+e^{-x}). */
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * 2·sigmoid(−5y) − 1 for a relative position y (−1 at a window's left edge, 0 just past its right end), and
     * −1 for y &gt; 3 (a false positive far behind the last window).
     */
    public static double scaled(double y) {
        if (y > 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * y) - 1.0;
    }
}
