package org.dgmkit.model.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal Gaussian likelihood for real-valued data: a linear mean head and one of three log-variances: a linear
 * log-variance head (per row and column, clamped like {@link GaussianLayer}), a learned log-variance per column
 * shared by every row (a parameter block, not a function of h; clamped the same way), or one fixed log-variance for
 * every entry. log p(x | h) = -1/2 sum(log 2 pi + logVar + (x - mean)^2 / exp(logVar)).
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
    private INDArray mean;
    private INDArray logVar;
    private INDArray clampMask;
    private INDArray sharedRow; // clamped shared log-variance [1, nOut] of the last forward
    private INDArray sharedPrecision; // exp(-sharedRow)
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
        clampMask = null;
        if (logVarHead != null) {
            logVar = logVarHead.forward(h);
            if (logVar.minNumber().doubleValue() < logVarMin || logVar.maxNumber().doubleValue() > logVarMax) {
                clampMask = logVar.gte(logVarMin).castTo(logVar.dataType())
                        .muli(logVar.lte(logVarMax).castTo(logVar.dataType()));
                Transforms.max(logVar, logVarMin, false);
                Transforms.min(logVar, logVarMax, false);
            }
        } else if (sharedLogVar != null) {
            INDArray v = sharedLogVar.value();
            sharedRow = Transforms.min(Transforms.max(v, logVarMin, true), logVarMax, false);
            if (v.minNumber().doubleValue() < logVarMin || v.maxNumber().doubleValue() > logVarMax) {
                clampMask = v.gte(logVarMin).castTo(v.dataType()).muli(v.lte(logVarMax).castTo(v.dataType()));
            }
            sharedPrecision = Transforms.exp(sharedRow.neg(), false);
        }
    }

    @Override
    public double logProbability(INDArray data) {
        if (mean == null) {
            throw new IllegalStateException("GaussianOutput: logProbability before forward");
        }
        if (data.rows() != mean.rows() || data.columns() != mean.columns()) {
            throw new IllegalArgumentException("Gaussian data shape [" + data.rows() + ", " + data.columns()
                    + "] does not match the output [" + mean.rows() + ", " + mean.columns() + "]");
        }
        long n = data.rows();
        INDArray d = diff.get(n).assign(data).subi(mean);
        INDArray t = terms.get(n).assign(d).muli(d);
        if (logVarHead != null) {
            INDArray p = precision.get(n).assign(logVar).negi();
            Transforms.exp(p, false);
            t.muli(p).addi(logVar);
        } else if (sharedLogVar != null) {
            t.muliRowVector(sharedPrecision).addiRowVector(sharedRow);
        } else {
            t.muli(Math.exp(-fixedLogVar)).addi(fixedLogVar);
        }
        t.addi(GaussianMath.LOG_2PI).muli(-0.5);
        x = data;
        return t.sumNumber().doubleValue();
    }

    @Override
    public INDArray logProbabilityRows() {
        requireScored();
        return terms.get(x.rows()).sum(1);
    }

    @Override
    public INDArray backward(double scale, boolean needInputGradient) {
        requireScored();
        long n = x.rows();
        INDArray d = diff.get(n); // x - mean
        INDArray gh = null;
        if (logVarHead != null) {
            INDArray p = precision.get(n);
            // d/dlogVar = 1/2 ((x - mean)^2 / sigma^2 - 1)
            INDArray gl = gradLogVar.get(n).assign(d).muli(d).muli(p).subi(1.0).muli(0.5 * scale);
            if (clampMask != null) {
                gl.muli(clampMask);
            }
            d.muli(p).muli(scale); // d/dmean = (x - mean) / sigma^2
            gh = meanHead.backward(d, needInputGradient);
            INDArray gh2 = logVarHead.backward(gl, needInputGradient);
            if (needInputGradient) {
                gh.addi(gh2);
            }
        } else if (sharedLogVar != null) {
            // d/dlogVar_j = 1/2 sum_rows ((x - mean)^2 / sigma_j^2 - 1); d/dmean = (x - mean) / sigma^2
            INDArray gl = gradLogVar.get(n).assign(d).muli(d).muliRowVector(sharedPrecision).subi(1.0)
                    .sum(true, 0).muli(0.5 * scale);
            if (clampMask != null) {
                gl.muli(clampMask);
            }
            sharedLogVar.gradient().addi(gl);
            d.muliRowVector(sharedPrecision).muli(scale);
            gh = meanHead.backward(d, needInputGradient);
        } else {
            d.muli(Math.exp(-fixedLogVar) * scale);
            gh = meanHead.backward(d, needInputGradient);
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
            return mean.ulike().assign(0.0).addiRowVector(sharedRow);
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
