package org.dgmkit.model.nn;

import org.dgmkit.model.Gaussian;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic Gaussian layer: two linear heads give the mean and the log-variance of a diagonal Gaussian
 * over {@code nLatent} units; {@link #sample()} draws z = mean + exp(logVar / 2) * eps with eps ~ N(0, I)
 * from ND4J's random generator (reparameterisation).
 *
 * <p>The log-variance is clamped to [{@link #logVarMin()}, {@link #logVarMax()}] (default
 * [{@value #DEFAULT_LOG_VAR_MIN}, {@value #DEFAULT_LOG_VAR_MAX}], i.e. sigma between about 3e-4 and 3e3)
 * to keep exp() finite early in training; clamped entries get zero gradient.
 *
 * <p>Backward is by accumulation: forward zeroes {@link #gradMean()} and {@link #gradLogVar()}; the
 * model adds its terms into them (KL via {@link GaussianMath}, the path through z via
 * {@link #addSampleGradient}), then {@link #backward} pushes them through both heads.
 */
public final class GaussianLayer {
    /** Default lower clamp of the log-variance. */
    public static final double DEFAULT_LOG_VAR_MIN = -16.0;
    /** Default upper clamp of the log-variance. */
    public static final double DEFAULT_LOG_VAR_MAX = 16.0;

    private final DenseLayer meanHead;
    private final DenseLayer logVarHead;
    private final double logVarMin;
    private final double logVarMax;
    private final RowBuffer eps;
    private final RowBuffer sigma;
    private final RowBuffer z;
    private final RowBuffer gMean;
    private final RowBuffer gLogVar;
    private final RowBuffer scratch;
    private final RowBuffer mask;
    private INDArray mean;
    private INDArray logVar;
    private boolean clamped; // some entry of the last forward's log-variance was clamped (mask says which)

    /** A layer with the default log-variance clamp. */
    public GaussianLayer(ParameterSpace params, String name, int nIn, int nLatent, WeightInit init) {
        this(params, name, nIn, nLatent, init, DEFAULT_LOG_VAR_MIN, DEFAULT_LOG_VAR_MAX);
    }

    /** A layer with parameter blocks {@code name.mean.W/b} and {@code name.logVar.W/b}. */
    public GaussianLayer(ParameterSpace params, String name, int nIn, int nLatent, WeightInit init,
                         double logVarMin, double logVarMax) {
        if (!(logVarMin < logVarMax)) {
            throw new IllegalArgumentException("log-variance clamp needs min < max, got [" + logVarMin + ", "
                    + logVarMax + "]");
        }
        this.meanHead = new DenseLayer(params, name + ".mean", nIn, nLatent, Activation.IDENTITY, init);
        this.logVarHead = new DenseLayer(params, name + ".logVar", nIn, nLatent, Activation.IDENTITY, init);
        this.logVarMin = logVarMin;
        this.logVarMax = logVarMax;
        var dt = params.dataType();
        this.eps = new RowBuffer(dt, nLatent);
        this.sigma = new RowBuffer(dt, nLatent);
        this.z = new RowBuffer(dt, nLatent);
        this.gMean = new RowBuffer(dt, nLatent);
        this.gLogVar = new RowBuffer(dt, nLatent);
        this.scratch = new RowBuffer(dt, nLatent);
        this.mask = new RowBuffer(dt, nLatent);
    }

    /** Number of latent units. */
    public int nLatent() {
        return meanHead.nOut();
    }

    /** Lower clamp of the log-variance. */
    public double logVarMin() {
        return logVarMin;
    }

    /** Upper clamp of the log-variance. */
    public double logVarMax() {
        return logVarMax;
    }

    /** The mean head (its blocks are {@code name.mean.W/b}). */
    public DenseLayer meanHead() {
        return meanHead;
    }

    /** The log-variance head (its blocks are {@code name.logVar.W/b}). */
    public DenseLayer logVarHead() {
        return logVarHead;
    }

    /**
     * Computes mean and clamped log-variance of q for input {@code h} (layer-owned buffers) and zeroes the
     * gradient accumulators.
     */
    public Gaussian forward(INDArray h) {
        mean = meanHead.forward(h);
        logVar = logVarHead.forward(h);
        long n = h.rows();
        // rare: clamp, remembering which entries were inside the range
        clamped = Fused.clamp(logVarHead.outputElements(), logVarMin, logVarMax, mask.elements(n));
        Fused.fill(gMean.elements(n), 0.0);
        Fused.fill(gLogVar.elements(n), 0.0);
        return new Gaussian(mean, logVar);
    }

    /** Draws fresh eps ~ N(0, I) with ND4J's generator and returns z = mean + sigma * eps (layer-owned). */
    public INDArray sample() {
        requireForward();
        INDArray e = eps.get(mean.rows());
        Nd4j.randn(e);
        return reparameterise(e);
    }

    /** z = mean + sigma * epsilon for given noise (copied into the layer's buffer). */
    public INDArray sample(INDArray epsilon) {
        requireForward();
        INDArray e = eps.get(mean.rows());
        if (e != epsilon) {
            if (epsilon.dataType() == e.dataType() && epsilon.rank() == 2 && epsilon.rows() == e.rows()
                    && epsilon.columns() == e.columns() && (epsilon.columns() == 1 || epsilon.stride(1) == 1)) {
                Fused.copy(Elements.of(epsilon), eps.elements(e.rows())); // no ND4J op: also runs on a helper thread
            } else {
                e.assign(epsilon);
            }
        }
        return reparameterise(e);
    }

    private INDArray reparameterise(INDArray e) {
        long n = mean.rows();
        Fused.reparameterise(meanHead.outputElements(), logVarHead.outputElements(), eps.elements(n),
                sigma.elements(n), z.elements(n));
        return z.get(n);
    }

    /** Mean of the last forward (layer-owned). */
    public INDArray mean() {
        requireForward();
        return mean;
    }

    /** Clamped log-variance of the last forward (layer-owned). */
    public INDArray logVar() {
        requireForward();
        return logVar;
    }

    /** Noise of the last sample (layer-owned). */
    public INDArray epsilon() {
        return eps.get(mean.rows());
    }

    /** exp(logVar / 2) of the last sample (layer-owned). */
    public INDArray sigma() {
        return sigma.get(mean.rows());
    }

    /** Accumulator for dL/dmean, zeroed by forward. */
    public INDArray gradMean() {
        requireForward();
        return gMean.get(mean.rows());
    }

    /** Accumulator for dL/dlogVar, zeroed by forward. */
    public INDArray gradLogVar() {
        requireForward();
        return gLogVar.get(mean.rows());
    }

    /** A scratch array of shape [n, nLatent] (for GaussianMath's gradient helpers). */
    public INDArray scratch() {
        return scratch.get(mean.rows());
    }

    /**
     * Adds the path through the last sample: dL/dmean += dL/dz and dL/dlogVar += dL/dz * eps * sigma / 2.
     * {@code gradZ} is left unchanged.
     */
    public void addSampleGradient(INDArray gradZ) {
        long n = mean.rows();
        Fused.addSampleGradient(Elements.of(gradZ), eps.elements(n), sigma.elements(n), gMean.elements(n),
                gLogVar.elements(n));
    }

    /**
     * Pushes the accumulated gradients through both heads (adding to the parameter gradients) and returns
     * dL/dh (layer-owned) when asked, else null.
     */
    public INDArray backward(boolean needInputGradient) {
        requireForward();
        long n = mean.rows();
        INDArray gl = gLogVar.get(n);
        if (clamped) {
            Fused.multiply(gLogVar.elements(n), mask.elements(n));
        }
        // the heads overwrite the gradient they are given; the accumulators are not needed afterwards
        INDArray gh = meanHead.backward(gMean.get(n), needInputGradient);
        if (!needInputGradient) {
            logVarHead.backward(gl, false);
            return null;
        }
        logVarHead.backwardAccumulate(gl, gh);
        return gh;
    }

    private void requireForward() {
        if (mean == null) {
            throw new IllegalStateException("Gaussian layer used before forward()");
        }
    }
}
