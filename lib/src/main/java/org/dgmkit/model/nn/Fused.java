package org.dgmkit.model.nn;

/**
 * Fused element-wise passes of the modules' forward and backward steps: each is one Java loop over the FLOAT (or
 * DOUBLE) buffers, in double arithmetic (the Bernoulli pass on FLOAT buffers: float loops, double row sums),
 * where the ND4J formulation launched one native op per arithmetic step
 * (each launch costs several microseconds, more than the arithmetic on a [100, 64] array). Large passes are split
 * over two threads by rows ({@link Parallel}); sums over rows combine the two halves in a fixed order, so the
 * results do not depend on timing. Arguments are {@link Elements} views; accumulating methods ADD into their
 * targets and skip a null target.
 */
public final class Fused {
    private Fused() {
    }

    private static final int IDENTITY = 0;
    private static final int RELU = 1;
    private static final int LEAKY_RELU = 2;
    private static final int SOFTPLUS = 3;
    private static final int SIGMOID = 4;
    private static final int TANH = 5;

    static int kind(Activation f) {
        return switch (f) {
            case IDENTITY -> IDENTITY;
            case RELU -> RELU;
            case LEAKY_RELU -> LEAKY_RELU;
            case SOFTPLUS -> SOFTPLUS;
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
        };
    }

    /** f(x); {@code exact}: Math's exp/log, else the polynomial ones. */
    static double activate(int kind, double x, boolean exact) {
        switch (kind) {
            case RELU:
                return x > 0 ? x : 0.0;
            case LEAKY_RELU:
                return x > 0 ? x : Activation.LEAKY_SLOPE * x;
            case SOFTPLUS:
                return softplus(x, exact);
            case SIGMOID:
                return sigmoid(x, exact);
            case TANH:
                return Math.tanh(x);
            default:
                return x;
        }
    }

    /**
     * v[c] = f(v[c]) for c in [0, n), the values of {@link #activate} (NaN stays NaN), without a branch on the sign:
     * on batch-normalised inputs, about half of them negative, that branch is mispredicted half the time (measured on
     * batch norm's [1100, 500] passes: forward 5.6 -> 1.5 ms, backward 5.9 -> 2.7 ms). Entry-by-entry passes over raw
     * pre-activations keep the comparison: there Math.max measured slower.
     */
    static void activateRow(int kind, double[] v, int n, boolean exact) {
        switch (kind) {
            case RELU -> {
                for (int c = 0; c < n; c++) {
                    v[c] = Math.max(v[c], 0.0);
                }
            }
            case LEAKY_RELU -> {
                for (int c = 0; c < n; c++) {
                    v[c] = Math.max(v[c], Activation.LEAKY_SLOPE * v[c]); // the slope is below 1
                }
            }
            case IDENTITY -> { }
            default -> {
                for (int c = 0; c < n; c++) {
                    v[c] = activate(kind, v[c], exact);
                }
            }
        }
    }

    /** {@link #activateRow} on a float row, in float arithmetic (the non-linear kinds through the polynomial ones). */
    static void activateRowFloats(int kind, float[] v, int n) {
        switch (kind) {
            case RELU -> {
                for (int c = 0; c < n; c++) {
                    v[c] = Math.max(v[c], 0f);
                }
            }
            case LEAKY_RELU -> {
                float slope = (float) Activation.LEAKY_SLOPE;
                for (int c = 0; c < n; c++) {
                    v[c] = Math.max(v[c], slope * v[c]); // the slope is below 1
                }
            }
            case IDENTITY -> { }
            default -> {
                for (int c = 0; c < n; c++) {
                    v[c] = (float) activate(kind, v[c], false);
                }
            }
        }
    }

    /**
     * y[c] = f'(x) at y[c] = f(x) for c in [0, n), in place on a float row, branch-free for the rectifiers: 1 for
     * y &gt; 0 is min(1, max(y 1e30, 0) 1e30), as the smallest positive float times 1e60 is still above 1.
     */
    static void slopeRowFloats(int kind, float[] y, int n) {
        switch (kind) {
            case RELU -> {
                for (int c = 0; c < n; c++) {
                    y[c] = Math.min(1f, Math.max(y[c] * 1e30f, 0f) * 1e30f);
                }
            }
            case LEAKY_RELU -> {
                float slope = (float) Activation.LEAKY_SLOPE;
                for (int c = 0; c < n; c++) {
                    float p = Math.min(1f, Math.max(y[c] * 1e30f, 0f) * 1e30f);
                    y[c] = p + (1 - p) * slope; // exactly 1 or the slope
                }
            }
            case IDENTITY -> java.util.Arrays.fill(y, 0, n, 1f);
            default -> {
                for (int c = 0; c < n; c++) {
                    y[c] = (float) slope(kind, y[c], false);
                }
            }
        }
    }

    /** s[c] = f'(x) at y[c] = f(x) for c in [0, n): {@link #slope}'s values, branch-free as {@link #activateRow}. */
    static void slopeRow(int kind, double[] y, double[] s, int n, boolean exact) {
        if (exact) { // DOUBLE arrays (gradient checks): positive() needs float values
            for (int c = 0; c < n; c++) {
                s[c] = slope(kind, y[c], true);
            }
            return;
        }
        switch (kind) {
            case RELU -> {
                for (int c = 0; c < n; c++) {
                    s[c] = positive(y[c]);
                }
            }
            case LEAKY_RELU -> {
                for (int c = 0; c < n; c++) {
                    double p = positive(y[c]);
                    s[c] = p + (1 - p) * Activation.LEAKY_SLOPE; // exactly 1 or the slope
                }
            }
            case IDENTITY -> java.util.Arrays.fill(s, 0, n, 1.0);
            default -> {
                for (int c = 0; c < n; c++) {
                    s[c] = slope(kind, y[c], false);
                }
            }
        }
    }

    /** f'(x) written with the output y = f(x). */
    static double slope(int kind, double y, boolean exact) {
        switch (kind) {
            case RELU:
                return y > 0 ? 1.0 : 0.0;
            case LEAKY_RELU:
                return y > 0 ? 1.0 : Activation.LEAKY_SLOPE;
            case SOFTPLUS:
                return 1 - exp(-y, exact); // sigmoid(x) = 1 - exp(-softplus(x))
            case SIGMOID:
                return y * (1 - y);
            case TANH:
                return 1 - y * y;
            default:
                return 1.0;
        }
    }

    /**
     * 1 for y &gt; 0, else 0, without a branch (see {@link #activateRow}), for values of FLOAT arrays: the smallest
     * positive float times 1e300 is still above 1. DOUBLE arrays (exact) compare instead.
     */
    private static double positive(double y) {
        return Math.min(1.0, Math.max(y * 1e300, 0.0));
    }

    /** e^x: Math.exp when {@code exact}, else {@link #fastExp}. */
    public static double exp(double x, boolean exact) {
        return exact ? Math.exp(x) : fastExp(x);
    }

    /**
     * e^x to ~2e-10 relative for every x (0 below -708, infinity above 709): 2^k e^r with r = x - k ln 2 in
     * [-0.35, 0.35] and e^r by its Taylor polynomial of degree 8. Several times cheaper than Math.exp in a loop; used
     * for FLOAT arrays, whose rounding (6e-8) hides the difference.
     */
    public static double fastExp(double x) {
        if (!(x > -708.0)) {
            return x != x ? x : 0.0;
        }
        if (x > 709.0) {
            return Double.POSITIVE_INFINITY;
        }
        // round x / ln 2 to an integer k by adding 1.5 * 2^52 (k lands in the low bits)
        double t = x * 1.4426950408889634 + 6755399441055744.0;
        long k = Double.doubleToRawLongBits(t);
        double kd = t - 6755399441055744.0;
        double r = x - kd * 0.6931471805599453;
        double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
                + r * (1.0 / 5040 + r * (1.0 / 40320))))))));
        return p * Double.longBitsToDouble((k + 1023) << 52);
    }

    /**
     * log(1 + e) for e in [0, 1] to ~2e-8 relative: 2 atanh(s) with s = e / (2 + e) in [0, 1/3], the odd series
     * to s^13 (for FLOAT arrays).
     */
    public static double fastLog1pUnit(double e) {
        double s = e / (2 + e);
        double s2 = s * s;
        double p = 1.0 / 13;
        p = p * s2 + 1.0 / 11;
        p = p * s2 + 1.0 / 9;
        p = p * s2 + 1.0 / 7;
        p = p * s2 + 1.0 / 5;
        p = p * s2 + 1.0 / 3;
        p = p * s2 + 1.0;
        return 2 * s * p;
    }

    /**
     * Stable log(1 + e^x). Exactly: log(1 + e) with e = e^-|x| in (0, 1] is accurate to 1e-16 in absolute terms, all a
     * sum of log-likelihoods needs (Math.log is an intrinsic where log1p is a native library call).
     */
    public static double softplus(double x) {
        return softplus(x, true);
    }

    /** Stable log(1 + e^x), exact or with the polynomial exp/log. */
    public static double softplus(double x, boolean exact) {
        double e = exp(-Math.abs(x), exact);
        return Math.max(x, 0.0) + (exact ? Math.log(1.0 + e) : fastLog1pUnit(e));
    }

    /** Stable 1 / (1 + e^-x). */
    public static double sigmoid(double x) {
        return sigmoid(x, true);
    }

    /** Stable 1 / (1 + e^-x), exact or with the polynomial exp. */
    public static double sigmoid(double x, boolean exact) {
        double e = exp(-Math.abs(x), exact);
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    // ---------------------------------------------------------------- dense layers

    /** y = f(y + b) row by row, b of shape [1, cols] (null: no bias). */
    public static void biasActivation(Elements y, Elements b, Activation f) {
        long profiled = StepProfile.fusedStart();
        try {
            int k = kind(f);
            if (b == null && k == IDENTITY) {
                return;
            }
            if (b != null) {
                b.require(1, y.cols, "bias");
            }
            int cols = y.cols;
            double[] bias = new double[cols]; // zeros without a bias: v + 0.0 as before
            if (b != null) {
                b.readRow(0, bias, new float[cols]);
            }
            // rows copied in bulk (several times faster than entry by entry buffer access; same values)
            Parallel.rows(y.rows, cols, (part, from, to) -> {
                double[] v = new double[cols];
                float[] scratch = new float[cols];
                for (int r = from; r < to; r++) {
                    y.readRow(r, v, scratch);
                    for (int c = 0; c < cols; c++) {
                        v[c] += bias[c];
                    }
                    activateRow(k, v, cols, y.exact);
                    y.writeRow(r, v, scratch);
                }
            });
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Backward through the activation: g = scale * g * f'(x) with f'(x) from the output {@code out} (null for
     * IDENTITY), and biasGrad += column sums of the new g (null: no bias).
     */
    public static void activationBackward(Elements out, Elements g, Activation f, double scale, Elements biasGrad) {
        activationBackward(out, g, f, null, scale, biasGrad);
    }

    /**
     * As {@link #activationBackward(Elements, Elements, Activation, double, Elements)} with row r of g first
     * multiplied by {@code rowWeights[r]} (one entry per row, null for none) and rounded to g's type, the values a
     * {@link #scaleRows} pass before it would leave, without that pass over g.
     */
    public static void activationBackward(Elements out, Elements g, Activation f, Elements rowWeights, double scale,
                                          Elements biasGrad) {
        long profiled = StepProfile.fusedStart();
        try {
            int k = kind(f);
            if (k != IDENTITY) {
                out.requireLike(g, "activation output");
            }
            int cols = g.cols;
            if (biasGrad != null) {
                biasGrad.require(1, cols, "bias gradient");
            }
            if (rowWeights != null && (rowWeights.rows != g.rows || rowWeights.cols != 1)) {
                throw new IllegalArgumentException("row weights: expected [" + g.rows + ", 1], got [" + rowWeights.rows
                        + ", " + rowWeights.cols + "]");
            }
            if (k == IDENTITY && scale == 1.0 && biasGrad == null && rowWeights == null) {
                return;
            }
            int parts = Parallel.parts(g.rows, cols);
            double[][] sums = biasGrad == null ? null : new double[parts][cols];
            boolean write = k != IDENTITY || scale != 1.0 || rowWeights != null; // else only the column sums
            Parallel.rows(g.rows, cols, (part, from, to) -> {
                double[] s = sums == null ? null : sums[part];
                double[] v = new double[cols];
                double[] slopes = new double[cols];
                float[] scratch = new float[cols];
                for (int r = from; r < to; r++) {
                    g.readRow(r, v, scratch);
                    if (rowWeights != null) {
                        double w = rowWeights.get(rowWeights.at(r));
                        for (int c = 0; c < cols; c++) {
                            v[c] = g.rounded(w * v[c]);
                        }
                    }
                    if (k != IDENTITY) {
                        out.readRow(r, slopes, scratch);
                        slopeRow(k, slopes, slopes, cols, g.exact);
                    }
                    for (int c = 0; c < cols; c++) {
                        double x = scale * v[c];
                        if (k != IDENTITY) {
                            x *= slopes[c];
                        }
                        v[c] = x;
                    }
                    if (write) {
                        g.writeRow(r, v, scratch);
                    }
                    if (s != null) {
                        for (int c = 0; c < cols; c++) {
                            s[c] += v[c];
                        }
                    }
                }
            });
            if (biasGrad != null) {
                addColumns(biasGrad, sums);
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** target[0, c] += sum over parts of partial[part][c], parts in order. */
    static void addColumns(Elements target, double[][] partial) {
        int o = target.at(0);
        for (int c = 0; c < target.cols; c++) {
            double s = 0;
            for (double[] p : partial) {
                s += p[c];
            }
            target.set(o + c, target.get(o + c) + s);
        }
    }

    /** a += b (same shape). */
    public static void add(Elements a, Elements b) {
        long profiled = StepProfile.fusedStart();
        try {
            b.requireLike(a, "addend");
            int cols = a.cols;
            Parallel.rows(a.rows, cols, (part, from, to) -> {
                for (int r = from; r < to; r++) {
                    int oa = a.at(r);
                    int ob = b.at(r);
                    for (int c = 0; c < cols; c++) {
                        a.set(oa + c, a.get(oa + c) + b.get(ob + c));
                    }
                }
            });
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** Row r of {@code a} times w[r] ({@code w}: one entry per row). */
    public static void scaleRows(Elements a, Elements w) {
        long profiled = StepProfile.fusedStart();
        try {
            if (w.rows != a.rows || w.cols != 1) {
                throw new IllegalArgumentException("row weights: expected [" + a.rows + ", 1], got [" + w.rows + ", "
                        + w.cols + "]");
            }
            int cols = a.cols;
            Parallel.rows(a.rows, cols, (part, from, to) -> {
                for (int r = from; r < to; r++) {
                    double f = w.get(w.at(r));
                    int o = a.at(r);
                    for (int c = 0; c < cols; c++) {
                        a.set(o + c, f * a.get(o + c));
                    }
                }
            });
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** a = v everywhere. */
    public static void fill(Elements a, double v) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = a.cols;
            for (int r = 0; r < a.rows; r++) {
                int o = a.at(r);
                for (int c = 0; c < cols; c++) {
                    a.set(o + c, v);
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** Copies {@code from} into {@code to} (same shape). */
    public static void copy(Elements from, Elements to) {
        long profiled = StepProfile.fusedStart();
        try {
            to.requireLike(from, "copy target");
            int cols = from.cols;
            for (int r = 0; r < from.rows; r++) {
                int a = from.at(r);
                int b = to.at(r);
                for (int c = 0; c < cols; c++) {
                    to.set(b + c, from.get(a + c));
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Row i of {@code to} = row {@code rows[i]} of {@code from} (same width, {@code rows.length} rows of {@code to}), one
     * bulk copy per row: the per-class and per-draw tilings of the semi-supervised step without ND4J's tile and vstack
     * (each a native launch plus a fresh array, and tile does not copy in bulk).
     */
    public static void gatherRows(Elements from, int[] rows, Elements to) {
        long profiled = StepProfile.fusedStart();
        try {
            to.require(rows.length, from.cols, "gathered rows");
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] < 0 || rows[i] >= from.rows) {
                    throw new IllegalArgumentException("row " + rows[i] + " outside [0, " + from.rows + ")");
                }
                from.copyRowTo(rows[i], to, i, 0);
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Copies {@code from} into the block of {@code to} whose top-left entry is ({@code row}, {@code col}), one bulk copy
     * per row (stacking parts by rows, or concatenating them by columns).
     */
    public static void place(Elements from, Elements to, int row, int col) {
        long profiled = StepProfile.fusedStart();
        try {
            if (row < 0 || col < 0 || row + from.rows > to.rows || col + from.cols > to.cols) {
                throw new IllegalArgumentException("block [" + from.rows + ", " + from.cols + "] at (" + row + ", " + col
                        + ") does not fit into [" + to.rows + ", " + to.cols + "]");
            }
            for (int r = 0; r < from.rows; r++) {
                from.copyRowTo(r, to, row + r, col);
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** Row i of {@code to} += row {@code rows[i]} of {@code from} (same width, {@code rows.length} rows of {@code to}). */
    public static void addGatheredRows(Elements from, int[] rows, Elements to) {
        long profiled = StepProfile.fusedStart();
        try {
            to.require(rows.length, from.cols, "rows added to");
            int cols = to.cols;
            Parallel.rows(to.rows, cols, (part, first, end) -> {
                double[] t = new double[cols];
                double[] f = new double[cols];
                float[] scratch = new float[cols];
                for (int r = first; r < end; r++) {
                    from.readRow(rows[r], f, scratch);
                    to.readRow(r, t, scratch);
                    for (int c = 0; c < cols; c++) {
                        t[c] += f[c];
                    }
                    to.writeRow(r, t, scratch);
                }
            });
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Row j of {@code to} = the sum of the rows i of {@code from} with {@code rows[i] == j}, accumulated in double in
     * row order ({@code sums}: [to.rows * cols] work space); the transpose of {@link #addGatheredRows}.
     */
    public static void sumRowsInto(Elements from, int[] rows, double[] sums, Elements to) {
        long profiled = StepProfile.fusedStart();
        try {
            if (rows.length != from.rows || to.cols != from.cols || sums.length < to.rows * to.cols) {
                throw new IllegalArgumentException("row sums: [" + from.rows + ", " + from.cols + "] by " + rows.length
                        + " row indices into [" + to.rows + ", " + to.cols + "]");
            }
            int cols = from.cols;
            java.util.Arrays.fill(sums, 0, to.rows * cols, 0.0);
            double[] f = new double[cols];
            float[] scratch = new float[cols];
            for (int r = 0; r < from.rows; r++) {
                from.readRow(r, f, scratch);
                int o = rows[r] * cols;
                for (int c = 0; c < cols; c++) {
                    sums[o + c] += f[c];
                }
            }
            double[] row = new double[cols];
            for (int j = 0; j < to.rows; j++) {
                System.arraycopy(sums, j * cols, row, 0, cols);
                to.writeRow(j, row, scratch);
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Row r of {@code t} += scale * v[0, cols), read and written in bulk through {@code acc} and {@code scratch}
     * (a - s x and a + (-s) x are the same float, so gradients subtracted this way keep their values).
     */
    private static void addScaledRow(Elements t, int r, double[] v, double scale, double[] acc, float[] scratch) {
        t.readRow(r, acc, scratch);
        for (int c = 0; c < t.cols; c++) {
            acc[c] += scale * v[c];
        }
        t.writeRow(r, acc, scratch);
    }

    /** a *= m entry by entry (same shape). */
    public static void multiply(Elements a, Elements m) {
        long profiled = StepProfile.fusedStart();
        try {
            m.requireLike(a, "factor");
            int cols = a.cols;
            for (int r = 0; r < a.rows; r++) {
                int oa = a.at(r);
                int om = m.at(r);
                for (int c = 0; c < cols; c++) {
                    a.set(oa + c, a.get(oa + c) * m.get(om + c));
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** Sum of all entries. */
    public static double sum(Elements a) {
        long profiled = StepProfile.fusedStart();
        try {
            double s = 0;
            for (int r = 0; r < a.rows; r++) {
                int o = a.at(r);
                for (int c = 0; c < a.cols; c++) {
                    s += a.get(o + c);
                }
            }
            return s;
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    // ---------------------------------------------------------------- Gaussian latents

    /**
     * Clamps {@code v} into [lo, hi] in place; returns true when some entry was outside. When {@code mask} is not
     * null it is set to 1 where the entry was inside and 0 where it was clamped (only written when returning true).
     */
    public static boolean clamp(Elements v, double lo, double hi, Elements mask) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = v.cols;
            boolean outside = false;
            for (int r = 0; r < v.rows && !outside; r++) {
                int o = v.at(r);
                for (int c = 0; c < cols; c++) {
                    double x = v.get(o + c);
                    if (!(x >= lo && x <= hi)) {
                        outside = true;
                        break;
                    }
                }
            }
            if (!outside) {
                return false;
            }
            if (mask != null) {
                mask.requireLike(v, "clamp mask");
            }
            for (int r = 0; r < v.rows; r++) {
                int o = v.at(r);
                int om = mask == null ? 0 : mask.at(r);
                for (int c = 0; c < cols; c++) {
                    double x = v.get(o + c);
                    boolean inside = x >= lo && x <= hi;
                    if (mask != null) {
                        mask.set(om + c, inside ? 1.0 : 0.0);
                    }
                    if (!inside) {
                        v.set(o + c, x < lo ? lo : x > hi ? hi : lo); // NaN goes to lo
                    }
                }
            }
            return true;
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** sigma = exp(logVar / 2) and z = mean + sigma * eps (sigma may be null). */
    public static void reparameterise(Elements mean, Elements logVar, Elements eps, Elements sigma, Elements z) {
        long profiled = StepProfile.fusedStart();
        try {
            logVar.requireLike(mean, "log-variance");
            eps.requireLike(mean, "noise");
            z.requireLike(mean, "sample");
            int cols = mean.cols;
            double[] m = new double[cols];
            double[] lv = new double[cols];
            double[] e = new double[cols];
            float[] scratch = new float[cols];
            for (int r = 0; r < mean.rows; r++) {
                mean.readRow(r, m, scratch);
                logVar.readRow(r, lv, scratch);
                eps.readRow(r, e, scratch);
                for (int c = 0; c < cols; c++) {
                    double s = exp(0.5 * lv[c], z.exact);
                    lv[c] = s;
                    m[c] += s * e[c];
                }
                if (sigma != null) {
                    sigma.writeRow(r, lv, scratch);
                }
                z.writeRow(r, m, scratch);
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** Path through z = mean + sigma eps: gMean += gz and gLogVar += gz * eps * sigma / 2. */
    public static void addSampleGradient(Elements gz, Elements eps, Elements sigma, Elements gMean, Elements gLogVar) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = gz.cols;
            double[] g = new double[cols];
            double[] e = new double[cols];
            double[] sd = new double[cols];
            double[] acc = new double[cols];
            float[] scratch = new float[cols];
            for (int r = 0; r < gz.rows; r++) {
                gz.readRow(r, g, scratch);
                eps.readRow(r, e, scratch);
                sigma.readRow(r, sd, scratch);
                addScaledRow(gMean, r, g, 1.0, acc, scratch);
                gLogVar.readRow(r, acc, scratch);
                for (int c = 0; c < cols; c++) {
                    acc[c] += 0.5 * g[c] * e[c] * sd[c];
                }
                gLogVar.writeRow(r, acc, scratch);
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Per row r: rows[r] = log N(z_r; mean_r, exp(logVar_r)) summed over columns (rows may be null); returns the
     * total. {@code mean} or {@code logVar} null mean 0 (the standard normal).
     */
    public static double logDensity(Elements z, Elements mean, Elements logVar, Elements rows) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = z.cols;
            double total = 0;
            double[] zr = new double[cols];
            double[] m = new double[cols]; // zeros without a mean or log-variance: as before, z - 0.0 and lv = 0.0
            double[] lv = new double[cols];
            float[] scratch = new float[cols];
            for (int r = 0; r < z.rows; r++) {
                z.readRow(r, zr, scratch);
                if (mean != null) {
                    mean.readRow(r, m, scratch);
                }
                if (logVar != null) {
                    logVar.readRow(r, lv, scratch);
                }
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    double d = zr[c] - m[c];
                    s += d * d * exp(-lv[c], z.exact) + lv[c];
                }
                s = -0.5 * (s + cols * GaussianMath.LOG_2PI);
                if (rows != null) {
                    rows.set(rows.at(r), s);
                }
                total += s;
            }
            return total;
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Adds the gradient of {@code scale * sum_r w_r log N(z_r; mean_r, exp(logVar_r))} (w = {@code rowWeights}, one
     * per row, or 1 when null): gz -= s d, gMean += s d, gLogVar += s (d (z - mean) - 1) / 2 with
     * d = (z - mean) / var and s = scale w_r.
     */
    public static void addLogDensityGradient(Elements z, Elements mean, Elements logVar, double scale,
                                             Elements rowWeights, Elements gz, Elements gMean, Elements gLogVar) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = z.cols;
            double[] diff = new double[cols];
            double[] d = new double[cols];
            double[] acc = new double[cols];
            float[] scratch = new float[cols];
            for (int r = 0; r < z.rows; r++) {
                double s = rowWeights == null ? scale : scale * rowWeights.get(rowWeights.at(r));
                z.readRow(r, diff, scratch);
                mean.readRow(r, acc, scratch);
                for (int c = 0; c < cols; c++) {
                    diff[c] -= acc[c];
                }
                logVar.readRow(r, d, scratch);
                for (int c = 0; c < cols; c++) {
                    d[c] = diff[c] * exp(-d[c], z.exact);
                }
                if (gz != null) {
                    addScaledRow(gz, r, d, -s, acc, scratch);
                }
                if (gMean != null) {
                    addScaledRow(gMean, r, d, s, acc, scratch);
                }
                if (gLogVar != null) {
                    gLogVar.readRow(r, acc, scratch);
                    for (int c = 0; c < cols; c++) {
                        acc[c] += 0.5 * s * (d[c] * diff[c] - 1);
                    }
                    gLogVar.writeRow(r, acc, scratch);
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /** gz -= scale * z (gradient of scale * log N(z; 0, I)). */
    public static void addLogStandardDensityGradient(Elements z, double scale, Elements gz) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = z.cols;
            for (int r = 0; r < z.rows; r++) {
                int oz = z.at(r);
                int og = gz.at(r);
                for (int c = 0; c < cols; c++) {
                    gz.set(og + c, gz.get(og + c) - scale * z.get(oz + c));
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * KL(N(mean, exp(logVar)) || N(0, I)) per row into {@code rows} (may be null); returns the total. When
     * {@code gMean}/{@code gLogVar} are not null, also adds the gradient of {@code scale * sum_r w_r KL_r}
     * (w = {@code rowWeights} or 1): s mean and s (exp(logVar) - 1) / 2 with s = scale w_r.
     */
    public static double klStandard(Elements mean, Elements logVar, Elements rows, double scale, Elements rowWeights,
                                    Elements gMean, Elements gLogVar) {
        long profiled = StepProfile.fusedStart();
        try {
            int cols = mean.cols;
            logVar.requireLike(mean, "log-variance");
            double total = 0;
            double[] m = new double[cols];
            double[] lv = new double[cols];
            double[] acc = new double[cols];
            float[] scratch = new float[cols];
            for (int r = 0; r < mean.rows; r++) {
                double s = rowWeights == null ? scale : scale * rowWeights.get(rowWeights.at(r));
                mean.readRow(r, m, scratch);
                logVar.readRow(r, lv, scratch);
                double k = 0;
                for (int c = 0; c < cols; c++) {
                    double v = exp(lv[c], mean.exact);
                    k += m[c] * m[c] + v - 1 - lv[c];
                    lv[c] = v; // exp(logVar) for the gradient
                }
                if (gMean != null) {
                    addScaledRow(gMean, r, m, s, acc, scratch);
                }
                if (gLogVar != null) {
                    gLogVar.readRow(r, acc, scratch);
                    for (int c = 0; c < cols; c++) {
                        acc[c] += 0.5 * s * (lv[c] - 1);
                    }
                    gLogVar.writeRow(r, acc, scratch);
                }
                k *= 0.5;
                if (rows != null) {
                    rows.set(rows.at(r), k);
                }
                total += k;
            }
            return total;
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    // ---------------------------------------------------------------- Bernoulli likelihood

    /**
     * Bernoulli log-likelihood of x (in [0, 1]) under logits l: per row rows[r] = sum_c x l - softplus(l) (rows may
     * be null), and g = x - sigmoid(l) (the gradient with respect to the logits; may be null). Returns the total.
     */
    public static double bernoulli(Elements logits, Elements x, Elements rows, Elements g) {
        return bernoulli(logits, x, 1, rows, g);
    }

    /**
     * As {@link #bernoulli(Elements, Elements, Elements, Elements)} with each row of x standing for
     * {@code repeats} consecutive rows of the logits (several samples scored against one input row, without
     * materialising the repeated data).
     */
    public static double bernoulli(Elements logits, Elements x, int repeats, Elements rows, Elements g) {
        if (x.rows * (long) repeats != logits.rows || x.cols != logits.cols) {
            throw new IllegalArgumentException("Bernoulli data: expected [" + logits.rows / Math.max(1, repeats) + ", "
                    + logits.cols + "] for " + repeats + " samples per row, got [" + x.rows + ", " + x.cols + "]");
        }
        return bernoulli(logits, x, null, repeats, rows, g);
    }

    /**
     * As {@link #bernoulli(Elements, Elements, Elements, Elements)} with row r of the logits scored against row
     * {@code xRow[r]} of x (the semi-supervised step's rows tiled per class and draw, without materialising them).
     */
    public static double bernoulli(Elements logits, Elements x, int[] xRow, Elements rows, Elements g) {
        if (xRow.length != logits.rows || x.cols != logits.cols) {
            throw new IllegalArgumentException("Bernoulli data: " + xRow.length + " row indices into [" + x.rows + ", "
                    + x.cols + "] for logits [" + logits.rows + ", " + logits.cols + "]");
        }
        for (int i : xRow) {
            if (i < 0 || i >= x.rows) {
                throw new IllegalArgumentException("Bernoulli data row " + i + " outside [0, " + x.rows + ")");
            }
        }
        return bernoulli(logits, x, xRow, 1, rows, g);
    }

    private static double bernoulli(Elements logits, Elements x, int[] xRow, int repeats, Elements rows, Elements g) {
        long profiled = StepProfile.fusedStart();
        try {
            if (g != null) {
                g.requireLike(logits, "Bernoulli gradient");
            }
            int cols = logits.cols;
            int parts = Parallel.parts(logits.rows, cols);
            double[] totals = new double[parts];
            boolean exact = logits.exact;
            boolean floats = !exact && !x.exact && (g == null || !g.exact); // all FLOAT: the branch-free float pass
            // rows copied in bulk (several times faster than entry by entry buffer access; same values)
            Parallel.rows(logits.rows, cols, (part, from, to) -> {
                float[] lf = floats ? new float[cols] : null;
                float[] xf = floats ? new float[cols] : null;
                float[] e = floats ? new float[cols] : null;
                float[] lg = floats ? new float[cols] : null;
                double[] lr = floats ? null : new double[cols];
                double[] xr = floats ? null : new double[cols];
                float[] scratch = floats ? null : new float[cols];
                double total = 0;
                for (int r = from; r < to; r++) {
                    int source = xRow == null ? r / repeats : xRow[r];
                    double s;
                    if (floats) {
                        logits.readRowFloats(r, lf);
                        x.readRowFloats(source, xf);
                        s = bernoulliRowF(lf, xf, e, lg, g != null, cols);
                        if (g != null) {
                            g.writeRowFloats(r, lf);
                        }
                    } else {
                        logits.readRow(r, lr, scratch);
                        x.readRow(source, xr, scratch);
                        s = bernoulliRowD(lr, xr, exact, cols);
                        if (g != null) {
                            g.writeRow(r, lr, scratch);
                        }
                    }
                    if (rows != null) {
                        rows.set(rows.at(r), s);
                    }
                    total += s;
                }
                totals[part] = total;
            });
            double t = 0;
            for (double v : totals) {
                t += v;
            }
            return t;
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * One row of the Bernoulli pass in double (DOUBLE or mixed buffers): returns sum_c x l - softplus(l) and overwrites
     * {@code l[0, n)} with the gradient x - sigmoid(l); exact Math.exp/log when {@code exact}, else the fast ones.
     */
    private static double bernoulliRowD(double[] l, double[] x, boolean exact, int n) {
        double s = 0;
        for (int c = 0; c < n; c++) {
            double lc = l[c];
            double xv = x[c];
            double e = exact ? Math.exp(-Math.abs(lc)) : fastExp(-Math.abs(lc));
            s += xv * lc - (Math.max(lc, 0.0) + (exact ? Math.log(1.0 + e) : fastLog1pUnit(e)));
            l[c] = xv - (lc >= 0 ? 1 / (1 + e) : e / (1 + e)); // the gradient x - sigmoid(l)
        }
        return s;
    }

    /**
     * One row of the FLOAT Bernoulli pass: returns sum_c x l - softplus(l) (float terms summed in double, four
     * partial sums in a fixed order) and, when {@code grad}, overwrites {@code l[0, n)} with the gradient
     * x - sigmoid(l); {@code e} and {@code lg} are scratch rows. Short branch-free float loops over plain arrays, which the JIT vectorises (a loop
     * mixing float arithmetic with float-to-int bit moves, or a long body, it leaves scalar): e = e^-|l| in three
     * (reduction, 2^k, polynomial), log(1 + e), the terms, their double sum, the gradient.
     */
    static double bernoulliRowF(float[] l, float[] x, float[] e, float[] lg, boolean grad, int n) {
        // e^y, y = -|l|, as 2^k e^r with k = round(y / ln 2) and r = y - k ln 2 in [-ln 2 / 2, ln 2 / 2] (ln 2 in
        // two parts, Cody and Waite); y clamped at -87 keeps 2^k normal (e^-87 = 1.6e-38 stands for all smaller e:
        // terms and gradients then off by less than 2e-38). NaN stays NaN.
        for (int c = 0; c < n; c++) {
            float y = Math.max(-Math.abs(l[c]), -87f);
            float t = y * 1.44269504f + 12582912f; // 1.5 * 2^23: k lands in the low bits of t
            float k = t - 12582912f;
            lg[c] = (y - k * 0.693359375f) + k * 2.12194440e-4f;
            e[c] = t;
        }
        for (int c = 0; c < n; c++) { // 2^k: t's bits are 0x4B400000 + k, and 0x4B400000 << 23 overflows to 0
            e[c] = Float.intBitsToFloat((Float.floatToRawIntBits(e[c]) << 23) + 0x3F800000);
        }
        for (int c = 0; c < n; c++) { // e^r: Cephes' expf polynomial (~1 ulp)
            float r = lg[c];
            float p = 1.9875691500e-4f;
            p = p * r + 1.3981999507e-3f;
            p = p * r + 8.3334519073e-3f;
            p = p * r + 4.1665795894e-2f;
            p = p * r + 1.6666665459e-1f;
            p = p * r + 5.0000001201e-1f;
            e[c] *= p * (r * r) + r + 1f;
        }
        for (int c = 0; c < n; c++) {
            lg[c] = log1pUnitF(e[c]);
        }
        // the terms x l - softplus(l) = (x - step) l - log(1 + e) in float, step = 1 for l > 0, else 0 (l 1e38 1e38
        // saturated to [0, 1]: 1 from the smallest positive float on): x - step is exact or off by one rounding of
        // 1 - x, and for x in [0, 1] both parts are <= 0, so nothing cancels (a few float ulps of the term)
        for (int c = 0; c < n; c++) {
            float lc = l[c];
            lg[c] = (x[c] - Math.min(1f, Math.max(0f, lc * 1e38f * 1e38f))) * lc - lg[c];
        }
        // summed in double in four partial sums, a fixed order
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 3 < n; c += 4) {
            s0 += lg[c];
            s1 += lg[c + 1];
            s2 += lg[c + 2];
            s3 += lg[c + 3];
        }
        for (; c < n; c++) {
            s0 += lg[c];
        }
        if (grad) {
            // x - sigmoid(l) = ((x - num) + x e) / (1 + e), sigmoid's numerator num = max(e, step) (at l = 0, e = 1
            // either way); x - num first, so that e below float epsilon is not lost in 1 + e
            for (c = 0; c < n; c++) {
                float ec = e[c];
                float xc = x[c];
                float num = Math.max(ec, Math.min(1f, Math.max(0f, l[c] * 1e38f * 1e38f)));
                l[c] = ((xc - num) + xc * ec) / (1 + ec);
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** log(1 + e) for e in [0, 1] in float: 2 atanh(s), s = e / (2 + e) in [0, 1/3], the odd series to s^13. */
    static float log1pUnitF(float e) {
        float s = e / (2f + e);
        float s2 = s * s;
        float p = 1f / 13;
        p = p * s2 + 1f / 11;
        p = p * s2 + 1f / 9;
        p = p * s2 + 1f / 7;
        p = p * s2 + 1f / 5;
        p = p * s2 + 1f / 3;
        return 2f * s + 2f * s * (p * s2);
    }
}
