package org.dgmkit.model.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Diagonal Gaussian likelihood for real-valued data: a linear mean head and one of three log-variances: a linear
 * log-variance head (per row and column, clamped like {@link GaussianLayer}), a learned log-variance per column
 * shared by every row (a parameter block, not a function of h; clamped the same way), or one fixed log-variance for
 * every entry. log p(x | h) = -1/2 sum(log 2 pi + logVar + (x - mean)^2 / exp(logVar)). The density and its
 * gradient are fused Java passes (in double, as {@link Fused}'s): as a chain of ND4J ops they were most of a small
 * detector model's training step (launches and their native buffers, not arithmetic).
 */
public final class GaussianOutput implements LikelihoodLayer {
    private final DenseLayer meanHead;
    private final DenseLayer logVarHead; // null with a shared or fixed variance
    private final ParameterSpace.Block sharedLogVar; // [1, nOut], null unless shared
    private final double fixedLogVar;
    private final double logVarMin;
    private final double logVarMax;
    private final RowBuffer diff;
    private final RowBuffer terms;
    private final RowBuffer precision;
    private final RowBuffer gradLogVar;
    private final RowBuffer mask; // 1 where the head's log-variance lay inside the clamp, else 0
    private final double[] sharedRow; // clamped shared log-variance of the last forward (shared mode)
    private final double[] sharedPrecision; // exp(-sharedRow)
    private final double[] sharedMask; // 1 inside the clamp, else 0
    private INDArray mean;
    private INDArray logVar;
    private boolean clamped; // some log-variance of the last forward was clamped
    private INDArray x;

    private enum Mode { HEAD, SHARED, FIXED }

    private GaussianOutput(ParameterSpace params, String name, int nIn, int nOut, WeightInit init,
                           Mode mode, double logVar) {
        this.meanHead = new DenseLayer(params, name + ".mean", nIn, nOut, Activation.IDENTITY, init);
        this.logVarHead = mode == Mode.HEAD
                ? new DenseLayer(params, name + ".logVar", nIn, nOut, Activation.IDENTITY, init) : null;
        this.sharedLogVar = mode == Mode.SHARED
                ? params.reserve(name + ".logVar", new ParameterSpace.Constant(logVar), 1, nOut) : null;
        this.fixedLogVar = mode == Mode.FIXED ? logVar : 0.0;
        this.logVarMin = GaussianLayer.DEFAULT_LOG_VAR_MIN;
        this.logVarMax = GaussianLayer.DEFAULT_LOG_VAR_MAX;
        var dt = params.dataType();
        this.diff = new RowBuffer(dt, nOut);
        this.terms = new RowBuffer(dt, nOut);
        this.precision = new RowBuffer(dt, nOut);
        this.gradLogVar = new RowBuffer(dt, nOut);
        this.mask = new RowBuffer(dt, nOut);
        this.sharedRow = new double[nOut];
        this.sharedPrecision = new double[nOut];
        this.sharedMask = new double[nOut];
    }

    /** Mean and log-variance both from h (blocks {@code name.mean.*}, {@code name.logVar.*}). */
    public static GaussianOutput learnedVariance(ParameterSpace params, String name, int nIn, int nOut,
                                                 WeightInit init) {
        return new GaussianOutput(params, name, nIn, nOut, init, Mode.HEAD, 0.0);
    }

    /**
     * Mean from h, one learned log-variance per column shared by every row (block {@code name.logVar}, shape
     * [1, nOut], initialised at {@code initialLogVar}): with few, similar training rows a per-row variance head
     * collapses, a fixed variance of 1 ignores the data's scale; this learns the noise level of each column.
     */
    public static GaussianOutput sharedVariance(ParameterSpace params, String name, int nIn, int nOut,
                                                WeightInit init, double initialLogVar) {
        if (!Double.isFinite(initialLogVar)) {
            throw new IllegalArgumentException("initial log-variance must be finite, got " + initialLogVar);
        }
        return new GaussianOutput(params, name, nIn, nOut, init, Mode.SHARED, initialLogVar);
    }

    /** Mean from h, log-variance fixed at {@code logVar} for every entry. */
    public static GaussianOutput fixedVariance(ParameterSpace params, String name, int nIn, int nOut,
                                               WeightInit init, double logVar) {
        if (!Double.isFinite(logVar)) {
            throw new IllegalArgumentException("fixed log-variance must be finite, got " + logVar);
        }
        return new GaussianOutput(params, name, nIn, nOut, init, Mode.FIXED, logVar);
    }

    /** True when the log-variance is learned (a network output or a shared parameter). */
    public boolean learned() {
        return logVarHead != null || sharedLogVar != null;
    }

    /** The shared log-variance block [1, nOut], or null unless {@link #sharedVariance}. */
    public ParameterSpace.Block sharedLogVarBlock() {
        return sharedLogVar;
    }

    /** The mean head. */
    public DenseLayer meanHead() {
        return meanHead;
    }

    /** The log-variance head, or null with a shared or fixed variance. */
    public DenseLayer logVarHead() {
        return logVarHead;
    }

    @Override
    public void forward(INDArray h) {
        mean = meanHead.forward(h);
        x = null;
        clamped = false;
        if (logVarHead != null) {
            logVar = logVarHead.forward(h);
            Elements lv = Elements.of(logVar);
            clamped = Fused.clamp(lv, logVarMin, logVarMax, mask.elements(logVar.rows()));
        } else if (sharedLogVar != null) {
            Elements v = sharedLogVar.valueElements();
            for (int c = 0; c < sharedRow.length; c++) {
                double lv = v.get(v.at(0) + c);
                boolean inside = lv >= logVarMin && lv <= logVarMax;
                clamped |= !inside;
                sharedMask[c] = inside ? 1.0 : 0.0;
                sharedRow[c] = inside ? lv : lv > logVarMax ? logVarMax : logVarMin; // NaN goes to the minimum
                sharedPrecision[c] = Math.exp(-sharedRow[c]);
            }
        }
    }

    /**
     * One fused pass (in double, rounded once on store): d = x - mean into {@code diff}, each entry's log-density
     * -1/2 (log 2 pi + logVar + d^2 / sigma^2) into {@code terms} and, with a variance head, 1 / sigma^2 into
     * {@code precision}; returns the sum of the log-densities.
     */
    @Override
    public double logProbability(INDArray data) {
        if (mean == null) {
            throw new IllegalStateException("GaussianOutput: logProbability before forward");
        }
        if (data.rows() != mean.rows() || data.columns() != mean.columns()) {
            throw new IllegalArgumentException("Gaussian data shape [" + data.rows() + ", " + data.columns()
                    + "] does not match the output [" + mean.rows() + ", " + mean.columns() + "]");
        }
        long profiled = StepProfile.fusedStart();
        try {
            int n = (int) data.rows();
            int cols = (int) data.columns();
            Elements xe = Elements.of(data);
            Elements me = Elements.of(mean);
            Elements de = diff.elements(n);
            Elements te = terms.elements(n);
            Elements le = logVarHead != null ? Elements.of(logVar) : null;
            Elements pe = logVarHead != null ? precision.elements(n) : null;
            boolean exact = de.exact;
            double fixedPrecision = Math.exp(-fixedLogVar);
            double[] xr = new double[cols];
            double[] mr = new double[cols];
            double[] lr = new double[cols];
            double[] pr = new double[cols];
            double[] tr = new double[cols];
            float[] scratch = new float[cols];
            double total = 0;
            for (int r = 0; r < n; r++) {
                xe.readRow(r, xr, scratch);
                me.readRow(r, mr, scratch);
                if (le != null) {
                    le.readRow(r, lr, scratch);
                    for (int c = 0; c < cols; c++) {
                        pr[c] = Fused.exp(-lr[c], exact);
                    }
                    pe.writeRow(r, pr, scratch);
                } else if (sharedLogVar != null) {
                    System.arraycopy(sharedRow, 0, lr, 0, cols);
                    System.arraycopy(sharedPrecision, 0, pr, 0, cols);
                } else {
                    java.util.Arrays.fill(lr, fixedLogVar);
                    java.util.Arrays.fill(pr, fixedPrecision);
                }
                double rowSum = 0;
                for (int c = 0; c < cols; c++) {
                    double d = xr[c] - mr[c];
                    xr[c] = d;
                    double t = -0.5 * (GaussianMath.LOG_2PI + lr[c] + d * d * pr[c]);
                    tr[c] = t;
                    rowSum += t;
                }
                total += rowSum;
                de.writeRow(r, xr, scratch);
                te.writeRow(r, tr, scratch);
            }
            x = data;
            return total;
        } finally {
            StepProfile.fusedEnd(profiled);
        }
    }

    @Override
    public INDArray logProbabilityRows() {
        requireScored();
        return terms.get(x.rows()).sum(1);
    }

    /**
     * dL/dmean = scale (x - mean) / sigma^2 (written over {@code diff}) and dL/dlogVar = scale / 2 ((x - mean)^2 /
     * sigma^2 - 1), zero where the log-variance was clamped (per entry into {@code gradLogVar} with a head, summed
     * over rows into the shared block's gradient), in one fused pass; then back through the heads.
     */
    @Override
    public INDArray backward(double scale, boolean needInputGradient) {
        requireScored();
        long profiled = StepProfile.fusedStart();
        int n = (int) x.rows();
        try {
            int cols = (int) x.columns();
            Elements de = diff.elements(n);
            Elements pe = logVarHead != null ? precision.elements(n) : null;
            Elements ge = logVarHead != null ? gradLogVar.elements(n) : null;
            Elements me = logVarHead != null && clamped ? mask.elements(n) : null;
            double fixedPrecision = Math.exp(-fixedLogVar);
            double[] dr = new double[cols];
            double[] pr = new double[cols];
            double[] gr = new double[cols];
            double[] kr = new double[cols];
            double[] sharedSums = sharedLogVar != null ? new double[cols] : null;
            float[] scratch = new float[cols];
            if (pe == null) {
                java.util.Arrays.fill(pr, fixedPrecision);
                if (sharedLogVar != null) {
                    System.arraycopy(sharedPrecision, 0, pr, 0, cols);
                }
            }
            for (int r = 0; r < n; r++) {
                de.readRow(r, dr, scratch);
                if (pe != null) {
                    pe.readRow(r, pr, scratch);
                }
                if (ge != null) {
                    for (int c = 0; c < cols; c++) {
                        gr[c] = 0.5 * scale * (dr[c] * dr[c] * pr[c] - 1.0);
                    }
                    if (me != null) {
                        me.readRow(r, kr, scratch);
                        for (int c = 0; c < cols; c++) {
                            gr[c] *= kr[c];
                        }
                    }
                    ge.writeRow(r, gr, scratch);
                } else if (sharedSums != null) {
                    for (int c = 0; c < cols; c++) {
                        sharedSums[c] += dr[c] * dr[c] * pr[c] - 1.0;
                    }
                }
                for (int c = 0; c < cols; c++) {
                    dr[c] = dr[c] * pr[c] * scale;
                }
                de.writeRow(r, dr, scratch);
            }
            if (sharedSums != null) {
                Elements g = sharedLogVar.gradientElements();
                for (int c = 0; c < cols; c++) {
                    int i = g.at(0) + c;
                    g.set(i, g.get(i) + 0.5 * scale * sharedSums[c] * (clamped ? sharedMask[c] : 1.0));
                }
            }
        } finally {
            StepProfile.fusedEnd(profiled);
        }
        INDArray d = diff.get(n);
        INDArray gh = meanHead.backward(d, needInputGradient);
        if (logVarHead != null) {
            INDArray gh2 = logVarHead.backward(gradLogVar.get(n), needInputGradient);
            if (needInputGradient) {
                gh.addi(gh2);
            }
        }
        x = null;
        return gh;
    }

    @Override
    public INDArray mean() {
        return mean.dup();
    }

    /** Log-variance of the last forward per row and column (fresh array; the same for every row unless a head). */
    public INDArray logVar() {
        if (logVarHead != null) {
            return logVar.dup();
        }
        if (sharedLogVar != null) {
            return mean.ulike().assign(0.0).addiRowVector(Nd4j.createFromArray(sharedRow).castTo(mean.dataType())
                    .reshape(1, sharedRow.length));
        }
        return mean.ulike().assign(fixedLogVar);
    }

    @Override
    public int nOut() {
        return meanHead.nOut();
    }

    private void requireScored() {
        if (x == null) {
            throw new IllegalStateException("GaussianOutput: call forward and logProbability first");
        }
    }
}
