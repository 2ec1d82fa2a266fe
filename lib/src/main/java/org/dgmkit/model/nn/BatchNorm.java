package org.dgmkit.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation over the rows of [n, d] activations: y = gamma * (x - mu) / sqrt(var + eps) + beta.
 * In training mode mu and var are the batch's (biased) statistics and the running averages are updated
 * as running = decay * running + (1 - decay) * batch; in evaluation mode the running averages are used.
 * gamma and beta are optional ({@code affine = false} leaves y = normalised x, as ladder networks use).
 * The running statistics live in the parameter space's state buffer, so checkpoints keep them.
 */
public final class BatchNorm {
    /** Rows summed in float before their sum is added to the double column sums (FLOAT buffers). */
    private static final int BLOCK = 16;

    private final String name;
    private final int size;
    private final double decay;
    private final double epsilon;
    private final ParameterSpace.Block gamma;
    private final ParameterSpace.Block beta;
    private final ParameterSpace.Block runningMean;
    private final ParameterSpace.Block runningVar;
    private final RowBuffer normalised;
    private final RowBuffer out;
    private final RowBuffer gradIn;
    private final double[] mean;
    private final double[] var;
    private final double[] invStd;
    private final double[] offset;
    private final double[] shiftValues;
    private final double[] gammaValues;
    private final double[] betaValues;
    private ParameterSpace.Block shift;
    private Pair pair;
    private int part;
    private int statisticsRows; // rows the last forward's batch statistics came from (both halves when paired)
    private boolean training = true;
    private boolean lastForwardTraining;
    private INDArray xhat;

    /** Batch norm with decay 0.9 and epsilon 1e-5. */
    public BatchNorm(ParameterSpace params, String name, int size, boolean affine) {
        this(params, name, size, affine, 0.9, 1e-5);
    }

    /** Reserves {@code name.gamma/beta} (if affine) and state {@code name.runningMean/runningVar}. */
    public BatchNorm(ParameterSpace params, String name, int size, boolean affine, double decay, double epsilon) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch norm '" + name + "' needs a positive size, got " + size);
        }
        if (!(decay >= 0 && decay < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("batch norm '" + name + "' needs 0 <= decay < 1 and epsilon > 0, got "
                    + decay + ", " + epsilon);
        }
        this.name = name;
        this.size = size;
        this.decay = decay;
        this.epsilon = epsilon;
        this.gamma = affine ? params.reserve(name + ".gamma", new ParameterSpace.Constant(1.0), 1, size) : null;
        this.beta = affine ? params.reserve(name + ".beta", new ParameterSpace.Constant(0.0), 1, size) : null;
        this.runningMean = params.reserveState(name + ".runningMean", new ParameterSpace.Constant(0.0), 1, size);
        this.runningVar = params.reserveState(name + ".runningVar", new ParameterSpace.Constant(1.0), 1, size);
        var dt = params.dataType();
        this.normalised = new RowBuffer(dt, size);
        this.out = new RowBuffer(dt, size);
        this.gradIn = new RowBuffer(dt, size);
        this.mean = new double[size];
        this.var = new double[size];
        this.invStd = new double[size];
        this.offset = new double[size];
        this.shiftValues = new double[size];
        this.gammaValues = new double[size];
        this.betaValues = new double[size];
    }

    /**
     * Partial sums the two halves of a {@link HalfBatch} step exchange: per part its rows, column means and sums of
     * squared deviations (forward) and the column sums of g and g * xhat (backward). Each array is written once per
     * step by its part and read by the other after the rendezvous.
     */
    private static final class Pair {
        final Rendezvous rendezvous;
        final int[] rows = new int[2];
        final double[][] mean;
        final double[][] m2;
        final double[][] sumG;
        final double[][] sumGX;

        Pair(Rendezvous rendezvous, int size) {
            this.rendezvous = rendezvous;
            mean = new double[2][size];
            m2 = new double[2][size];
            sumG = new double[2][size];
            sumGX = new double[2][size];
        }
    }

    /**
     * Makes {@code first} (the model's layer, part 0) and {@code second} (its replica's, part 1) normalise with the
     * statistics of their joint batch while {@code rendezvous} is active: each computes its half's sums, they meet,
     * and both combine the two in the same order. Only part 0 updates the (shared) running statistics.
     */
    public static void pair(BatchNorm first, BatchNorm second, Rendezvous rendezvous) {
        if (first.size != second.size || first.runningMean.offset() != second.runningMean.offset()) {
            throw new IllegalArgumentException("batch norm '" + first.name + "' cannot pair with '" + second.name + "'");
        }
        Pair p = new Pair(rendezvous, first.size);
        first.pair = p;
        first.part = 0;
        second.pair = p;
        second.part = 1;
    }

    /** Switches between batch statistics (true) and running statistics (false). */
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** True in training mode. */
    public boolean training() {
        return training;
    }

    /** Width. */
    public int size() {
        return size;
    }

    /** Running mean [1, size] (state view). */
    public INDArray runningMean() {
        return runningMean.value();
    }

    /** Running (biased batch) variance [1, size] (state view). */
    public INDArray runningVar() {
        return runningVar.value();
    }

    /** Normalises {@code x} ([n, size]); returns a layer-owned buffer. */
    public INDArray forward(INDArray x) {
        return forward(x, null, Activation.IDENTITY);
    }

    /** f(batch norm of {@code x}); returns a layer-owned buffer. Backward with the same activation. */
    public INDArray forward(INDArray x, Activation activation) {
        return forward(x, null, activation);
    }

    /**
     * f(batch norm of (x + shift)) with {@code shift} the bias of the dense layer before it ({@code [1, size]}, or
     * null), in two fused passes: column statistics, then shift, normalise, scale, shift by beta and activate.
     * Adding the dense layer's bias here spares that layer its own pass; {@link #backward} then adds the bias
     * gradient. {@code x} must not change until backward. Returns a layer-owned buffer.
     */
    public INDArray forward(INDArray x, ParameterSpace.Block shift, Activation activation) {
        long profiled = StepProfile.fusedStart();
        try {
            if (x.columns() != size) {
                throw new IllegalArgumentException("batch norm '" + name + "' expects " + size + " columns, got "
                        + x.columns());
            }
            int n = (int) x.rows();
            Elements xe = Elements.of(x);
            this.shift = shift;
            load(shift == null ? null : shift.valueElements(), shiftValues, 0.0);
            load(gamma == null ? null : gamma.valueElements(), gammaValues, 1.0);
            load(beta == null ? null : beta.valueElements(), betaValues, 0.0);
            boolean paired = training && pair != null && pair.rendezvous.active();
            statisticsRows = n;
            if (paired) {
                jointStatistics(xe);
            } else if (training) {
                if (n < 2) {
                    throw new IllegalArgumentException("batch norm '" + name + "' needs at least 2 rows in training mode");
                }
                batchStatistics(xe);
            }
            if (training) {
                if (!paired || part == 0) { // the running statistics are shared with a replica: part 0 updates them
                    Elements rm = runningMean.valueElements();
                    Elements rv = runningVar.valueElements();
                    for (int c = 0; c < size; c++) {
                        int im = rm.at(0) + c;
                        int iv = rv.at(0) + c;
                        rm.set(im, decay * rm.get(im) + (1 - decay) * mean[c]);
                        rv.set(iv, decay * rv.get(iv) + (1 - decay) * var[c]);
                    }
                }
            } else {
                Elements rm = runningMean.valueElements();
                Elements rv = runningVar.valueElements();
                for (int c = 0; c < size; c++) {
                    mean[c] = rm.get(rm.at(0) + c);
                    var[c] = rv.get(rv.at(0) + c);
                }
            }
            for (int c = 0; c < size; c++) {
                invStd[c] = 1 / Math.sqrt(var[c] + epsilon);
                offset[c] = shiftValues[c] - mean[c];
            }
            lastForwardTraining = training;
            xhat = normalised.get(n);
            Elements xh = normalised.elements(n);
            Elements y = out.elements(n);
            int k = Fused.kind(activation);
            if (inFloats(xe, xh, y)) {
                normaliseFloats(xe, xh, y, k);
                return out.get(n);
            }
            double[] gam = gammaValues;
            double[] bet = betaValues;
            boolean exact = y.exact;
            Parallel.rows(n, size, (part, from, to) -> {
                double[] xr = new double[size];
                double[] hr = new double[size];
                float[] scratch = new float[size];
                for (int r = from; r < to; r++) {
                    xe.readRow(r, xr, scratch);
                    for (int c = 0; c < size; c++) {
                        double h = (xr[c] + offset[c]) * invStd[c];
                        hr[c] = h;
                        xr[c] = gam[c] * h + bet[c];
                    }
                    Fused.activateRow(k, xr, size, exact);
                    xh.writeRow(r, hr, scratch);
                    y.writeRow(r, xr, scratch);
                }
            });
            return out.get(n);
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * True when every buffer is FLOAT: the passes then run in float arithmetic on float rows, which the JIT vectorises
     * twice as wide and without the float-double conversions that cost a third of the double passes' time; their
     * results differ from the double passes' by a few float roundings. Column sums still accumulate in double, a
     * block of {@link #BLOCK} rows at a time. DOUBLE buffers (gradient checks) keep double arithmetic.
     */
    private static boolean inFloats(Elements... buffers) {
        for (Elements e : buffers) {
            if (e.exact) {
                return false;
            }
        }
        return true;
    }

    /** True after row r of rows [from, to) when its float block sums go into the double sums. */
    private static boolean endsBlock(int r, int from, int to) {
        return (r - from) % BLOCK == BLOCK - 1 || r == to - 1;
    }

    /** to[c] += from[c]; from[c] = 0. */
    private static void flush(float[] from, double[] to) {
        for (int c = 0; c < from.length; c++) {
            to[c] += from[c];
            from[c] = 0f;
        }
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int c = 0; c < v.length; c++) {
            f[c] = (float) v[c];
        }
        return f;
    }

    /** The forward's normalise-scale-shift-activate pass on FLOAT buffers (see {@link #inFloats}). */
    private void normaliseFloats(Elements xe, Elements xh, Elements y, int k) {
        float[] off = floats(offset);
        float[] inv = floats(invStd);
        float[] gam = floats(gammaValues);
        float[] bet = floats(betaValues);
        Parallel.rows(xe.rows, size, (part, from, to) -> {
            float[] xr = new float[size];
            float[] hr = new float[size];
            for (int r = from; r < to; r++) {
                xe.readRowFloats(r, xr);
                for (int c = 0; c < size; c++) {
                    float h = (xr[c] + off[c]) * inv[c];
                    hr[c] = h;
                    xr[c] = gam[c] * h + bet[c];
                }
                Fused.activateRowFloats(k, xr, size);
                xh.writeRowFloats(r, hr);
                y.writeRowFloats(r, xr);
            }
        });
    }

    /**
     * Column sums of x - first and of its square over rows [from, to) into {@code sum} and {@code sumSq}, in float
     * blocks of {@link #BLOCK} rows (FLOAT buffers: the difference of two floats near each other is exact).
     */
    private static void deviationSumsFloats(Elements x, float[] first, int from, int to, double[] sum,
            double[] sumSq) {
        int cols = first.length;
        float[] row = new float[cols];
        float[] a = new float[cols];
        float[] b = new float[cols];
        for (int r = from; r < to; r++) {
            x.readRowFloats(r, row);
            for (int c = 0; c < cols; c++) {
                float d = row[c] - first[c];
                a[c] += d;
                b[c] += d * d;
            }
            if (endsBlock(r, from, to)) {
                flush(a, sum);
                flush(b, sumSq);
            }
        }
    }

    private void load(Elements from, double[] to, double fill) {
        if (from == null) {
            java.util.Arrays.fill(to, fill);
            return;
        }
        int o = from.at(0);
        for (int c = 0; c < size; c++) {
            to[c] = from.get(o + c);
        }
    }

    /**
     * Means and biased variances of the columns of x + shift over both halves of a split batch: this half's mean and
     * sum of squared deviations (about its first row, in double), exchanged, then combined part 0 first (Chan et al.'s
     * pairwise update), so both halves get the same numbers.
     */
    private void jointStatistics(Elements x) {
        int n = x.rows;
        double[] m = pair.mean[part];
        double[] q = pair.m2[part];
        int o0 = x.at(0);
        for (int c = 0; c < size; c++) {
            m[c] = 0;
            q[c] = 0;
        }
        if (inFloats(x)) {
            float[] first = new float[size];
            x.readRowFloats(0, first);
            deviationSumsFloats(x, first, 0, n, m, q);
        } else {
            double[] first = new double[size];
            double[] row = new double[size];
            float[] scratch = new float[size];
            x.readRow(0, first, scratch);
            for (int r = 0; r < n; r++) {
                x.readRow(r, row, scratch);
                for (int c = 0; c < size; c++) {
                    double d = row[c] - first[c];
                    m[c] += d;
                    q[c] += d * d;
                }
            }
        }
        for (int c = 0; c < size; c++) {
            double t1 = m[c];
            m[c] = x.get(o0 + c) + t1 / n;
            q[c] = Math.max(0.0, q[c] - t1 * t1 / n);
        }
        pair.rows[part] = n;
        pair.rendezvous.await(part);
        int n0 = pair.rows[0];
        int n1 = pair.rows[1];
        int total = n0 + n1;
        if (total < 2) {
            throw new IllegalArgumentException("batch norm '" + name + "' needs at least 2 rows in training mode");
        }
        double[] m0 = pair.mean[0];
        double[] m1 = pair.mean[1];
        double[] q0 = pair.m2[0];
        double[] q1 = pair.m2[1];
        for (int c = 0; c < size; c++) {
            double delta = m1[c] - m0[c];
            mean[c] = m0[c] + delta * n1 / total + shiftValues[c];
            var[c] = Math.max(0.0, (q0[c] + q1[c] + delta * delta * ((double) n0 * n1 / total)) / total);
        }
        statisticsRows = total;
    }

    /**
     * Means and biased variances of the columns of x + shift in one pass (in double, about the first row so that
     * a large mean does not cancel the variance).
     */
    private void batchStatistics(Elements x) {
        int n = x.rows;
        int cols = x.cols;
        int parts = Parallel.parts(n, cols);
        double[][] s1 = new double[parts][cols];
        double[][] s2 = new double[parts][cols];
        double[] first = new double[cols];
        int o0 = x.at(0);
        for (int c = 0; c < cols; c++) {
            first[c] = x.get(o0 + c);
        }
        boolean floats = inFloats(x);
        float[] firstFloats = floats(first);
        Parallel.rows(n, cols, (part, from, to) -> {
            if (floats) {
                deviationSumsFloats(x, firstFloats, from, to, s1[part], s2[part]);
                return;
            }
            double[] a = s1[part];
            double[] b = s2[part];
            double[] row = new double[cols];
            float[] scratch = new float[cols];
            for (int r = from; r < to; r++) {
                x.readRow(r, row, scratch);
                for (int c = 0; c < cols; c++) {
                    double d = row[c] - first[c];
                    a[c] += d;
                    b[c] += d * d;
                }
            }
        });
        for (int c = 0; c < cols; c++) {
            double t1 = 0;
            double t2 = 0;
            for (int p = 0; p < parts; p++) {
                t1 += s1[p][c];
                t2 += s2[p][c];
            }
            double m = t1 / n;
            mean[c] = first[c] + m + shiftValues[c];
            var[c] = Math.max(0.0, t2 / n - m * m);
        }
    }

    /**
     * Back-propagates dL/dy (OVERWRITTEN): adds dL/dgamma, dL/dbeta and returns dL/dx (layer-owned)
     * when asked, else null.
     */
    public INDArray backward(INDArray gradOut, boolean needInputGradient) {
        return backward(gradOut, Activation.IDENTITY, needInputGradient);
    }

    /**
     * Back-propagates dL/d(f(y)) through the activation of {@link #forward(INDArray, Activation)} and the
     * normalisation ({@code gradOut} is OVERWRITTEN): adds dL/dgamma, dL/dbeta (and dL/dshift into the shift's
     * gradient when the forward had one) and returns dL/dx (layer-owned) when asked, else null.
     */
    public INDArray backward(INDArray gradOut, Activation activation, boolean needInputGradient) {
        long profiled = StepProfile.fusedStart();
        try {
            if (xhat == null) {
                throw new IllegalStateException("batch norm '" + name + "': backward before forward");
            }
            int n = (int) gradOut.rows();
            if (n != xhat.rows() || gradOut.columns() != size) {
                throw new IllegalArgumentException("batch norm '" + name + "': gradient shape "
                        + java.util.Arrays.toString(gradOut.shape()) + " does not match [" + xhat.rows() + ", " + size
                        + "]");
            }
            Elements g = Elements.of(gradOut);
            Elements xh = normalised.elements(n);
            Elements y = out.elements(n);
            int k = Fused.kind(activation);
            int parts = Parallel.parts(n, size);
            double[][] sumG = new double[parts][size];
            double[][] sumGX = new double[parts][size];
            // g = dL/dy after the activation; column sums of g and g * xhat
            boolean exact = y.exact;
            boolean floats = inFloats(g, xh, y);
            Parallel.rows(n, size, (part, from, to) -> {
                if (floats) {
                    activationGradientFloats(g, y, xh, k, from, to, sumG[part], sumGX[part]);
                    return;
                }
                double[] s1 = sumG[part];
                double[] s2 = sumGX[part];
                double[] gr = new double[size];
                double[] hr = new double[size];
                double[] sr = new double[size];
                float[] scratch = new float[size];
                for (int r = from; r < to; r++) {
                    g.readRow(r, gr, scratch);
                    y.readRow(r, sr, scratch);
                    Fused.slopeRow(k, sr, sr, size, exact);
                    xh.readRow(r, hr, scratch);
                    for (int c = 0; c < size; c++) {
                        double v = gr[c] * sr[c];
                        gr[c] = v;
                        s1[c] += v;
                        s2[c] += v * hr[c];
                    }
                    g.writeRow(r, gr, scratch);
                }
            });
            boolean paired = lastForwardTraining && statisticsRows != n;
            double[] s1 = paired ? pair.sumG[part] : new double[size];
            double[] s2 = paired ? pair.sumGX[part] : new double[size];
            if (paired) {
                java.util.Arrays.fill(s1, 0.0);
                java.util.Arrays.fill(s2, 0.0);
            }
            for (int p = 0; p < parts; p++) {
                for (int c = 0; c < size; c++) {
                    s1[c] += sumG[p][c];
                    s2[c] += sumGX[p][c];
                }
            }
            double[] scale = new double[size];
            if (gamma != null) {
                Elements gg = gamma.gradientElements();
                Elements bg = beta.gradientElements();
                for (int c = 0; c < size; c++) {
                    gg.set(gg.at(0) + c, gg.get(gg.at(0) + c) + s2[c]);
                    bg.set(bg.at(0) + c, bg.get(bg.at(0) + c) + s1[c]);
                }
            }
            for (int c = 0; c < size; c++) {
                scale[c] = gammaValues[c] * invStd[c];
            }
            int rows = statisticsRows;
            double[] t1 = s1;
            double[] t2 = s2;
            if (paired) {
                // this half's sums went into its gradients above; the input gradient needs the whole batch's
                pair.rendezvous.await(part);
                t1 = new double[size];
                t2 = new double[size];
                for (int c = 0; c < size; c++) {
                    t1[c] = pair.sumG[0][c] + pair.sumG[1][c];
                    t2[c] = pair.sumGX[0][c] + pair.sumGX[1][c];
                }
            }
            double[] jointG = t1;
            double[] jointGX = t2;
            Elements shiftGrad = shift == null ? null : shift.gradientElements();
            if (!needInputGradient && shiftGrad == null) {
                return null;
            }
            Elements gx = gradIn.elements(n);
            boolean batchStats = lastForwardTraining;
            double[][] colSums = shiftGrad == null ? null : new double[parts][size];
            boolean floatsIn = floats && inFloats(gx);
            float[] scaleF = floats(scale);
            float[] meanTermF = new float[size]; // scale * sum(g) / n and scale * sum(g xhat) / n
            float[] xhatTermF = new float[size];
            for (int c = 0; c < size; c++) {
                meanTermF[c] = (float) (scale[c] * jointG[c] / rows);
                xhatTermF[c] = (float) (scale[c] * jointGX[c] / rows);
            }
            // training: dx = gamma invStd / n (n g - sum(g) - xhat sum(g xhat)); running statistics: dx = gamma invStd g
            Parallel.rows(n, size, (part, from, to) -> {
                if (floatsIn) {
                    inputGradientFloats(g, xh, gx, batchStats, scaleF, meanTermF, xhatTermF, from, to,
                            colSums == null ? null : colSums[part]);
                    return;
                }
                double[] cs = colSums == null ? null : colSums[part];
                double[] gr = new double[size];
                double[] hr = new double[size];
                float[] scratch = new float[size];
                for (int r = from; r < to; r++) {
                    g.readRow(r, gr, scratch);
                    if (batchStats) {
                        xh.readRow(r, hr, scratch);
                        for (int c = 0; c < size; c++) {
                            gr[c] = scale[c] * (gr[c] - (jointG[c] + hr[c] * jointGX[c]) / rows);
                        }
                    } else {
                        for (int c = 0; c < size; c++) {
                            gr[c] = scale[c] * gr[c];
                        }
                    }
                    if (cs != null) {
                        for (int c = 0; c < size; c++) {
                            cs[c] += gr[c];
                        }
                    }
                    gx.writeRow(r, gr, scratch);
                }
            });
            if (shiftGrad != null) {
                Fused.addColumns(shiftGrad, colSums);
            }
            return needInputGradient ? gradIn.get(n) : null;
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    /**
     * Backward, FLOAT buffers, rows [from, to): g = g * f'(y) (written back) and the column sums of g and g * xhat
     * into {@code sumG} and {@code sumGX}.
     */
    private void activationGradientFloats(Elements g, Elements y, Elements xh, int k, int from, int to, double[] sumG,
            double[] sumGX) {
        float[] gr = new float[size];
        float[] sr = new float[size];
        float[] hr = new float[size];
        float[] a = new float[size];
        float[] b = new float[size];
        for (int r = from; r < to; r++) {
            g.readRowFloats(r, gr);
            y.readRowFloats(r, sr);
            Fused.slopeRowFloats(k, sr, size);
            xh.readRowFloats(r, hr);
            for (int c = 0; c < size; c++) {
                float v = gr[c] * sr[c];
                gr[c] = v;
                a[c] += v;
                b[c] += v * hr[c];
            }
            g.writeRowFloats(r, gr);
            if (endsBlock(r, from, to)) {
                flush(a, sumG);
                flush(b, sumGX);
            }
        }
    }

    /**
     * Backward, FLOAT buffers, rows [from, to): dx = scale g - (meanTerm + xhat xhatTerm) with batch statistics, else
     * scale g; column sums of dx into {@code colSums} when not null (the shift's gradient).
     */
    private void inputGradientFloats(Elements g, Elements xh, Elements gx, boolean batchStats, float[] scale,
            float[] meanTerm, float[] xhatTerm, int from, int to, double[] colSums) {
        float[] gr = new float[size];
        float[] hr = new float[size];
        float[] sums = new float[size];
        for (int r = from; r < to; r++) {
            g.readRowFloats(r, gr);
            if (batchStats) {
                xh.readRowFloats(r, hr);
                for (int c = 0; c < size; c++) {
                    gr[c] = scale[c] * gr[c] - (meanTerm[c] + hr[c] * xhatTerm[c]);
                }
            } else {
                for (int c = 0; c < size; c++) {
                    gr[c] = scale[c] * gr[c];
                }
            }
            if (colSums != null) {
                for (int c = 0; c < size; c++) {
                    sums[c] += gr[c];
                }
                if (endsBlock(r, from, to)) {
                    flush(sums, colSums);
                }
            }
            gx.writeRowFloats(r, gr);
        }
    }
}
