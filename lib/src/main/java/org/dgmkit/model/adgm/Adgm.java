package org.dgmkit.model.adgm;

import java.util.List;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.GaussianLayer;
import org.dgmkit.model.nn.GaussianMath;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.ModelBase;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Semi-supervised auxiliary deep generative model (Maaløe et al. 2016) with a Bernoulli p(x | ...).
 * Inference q(a | x) q(y | a, x) q(z | a, x, y); generative p(y) p(z) p(x | y, z) p(a | x, y, z) (ADGM
 * form) or p(y) p(z) p(a | y, z) p(x | a, y, z) (SDGM form); p(y) uniform, p(z) = N(0, I). With
 * {@code auxiliary = false} it is the M2 model: q(y | x) q(z | x, y), p(y) p(z) p(x | y, z).
 *
 * <p>Loss of a {@link Batch} (x = labelled rows, y = their one-hot labels, xUnlabelled = unlabelled rows;
 * x without y counts as unlabelled): J / (rows), J = sum of L(x, y) = -ELBO(x, y) - alpha log q(y | a, x)
 * over labelled rows plus U(x) = -E_{q(y|a,x)}[ELBO(x, y)] - H(q(y | a, x)) over unlabelled rows. The
 * expectation over y is exact: the unlabelled rows are tiled once per class in one batched pass.
 * One reparameterised sample of a (shared by all classes of a row) and of z; KL(q(z) || p(z)) analytic,
 * log p(a | ...) - log q(a | x) Monte Carlo. The warm-up weight {@code ctx.klWeight()} multiplies the z
 * and a terms.
 */
public final class Adgm extends ModelBase<AdgmConfig> {
    /** Type name in checkpoints. */
    public static final String TYPE = "adgm";
    private static final int CLASSIFY_CHUNK = 1000;

    private final boolean aux;
    private final boolean sdgm;
    private final int classes;
    private final ConcatNet qaNet;
    private final GaussianLayer qa;
    private final ConcatNet clsNet;
    private final DenseLayer clsOut;
    private final ConcatNet qzNet;
    private final GaussianLayer qz;
    private final ConcatNet paNet;
    private final GaussianLayer pa;
    private final ConcatNet pxNet;
    private final BernoulliHead px;
    private double lastLabelledLoss = Double.NaN;
    private double lastUnlabelledLoss = Double.NaN;
    private double lastLabelledAccuracy = Double.NaN;

    /** Builds and initialises the model (weights seeded with {@code config.seed()}). */
    public Adgm(AdgmConfig config) {
        super(TYPE, config);
        this.aux = config.auxiliary();
        this.sdgm = aux && config.form() == GenerativeForm.SDGM;
        this.classes = config.classes();
        int d = config.inputSize();
        int na = config.auxSize();
        int nz = config.latentSize();
        int k = classes;
        List<Integer> h = config.hidden();
        Activation act = config.activation();
        if (aux) {
            qaNet = new ConcatNet(params, "qa", new int[] {d}, h, act);
            qa = new GaussianLayer(params, "qa.out", qaNet.outputWidth(), na, WeightInit.XAVIER);
            clsNet = new ConcatNet(params, "qy", new int[] {na, d}, h, act);
            qzNet = new ConcatNet(params, "qz", new int[] {d, k, na}, h, act);
        } else {
            qaNet = null;
            qa = null;
            clsNet = new ConcatNet(params, "qy", new int[] {d}, h, act);
            qzNet = new ConcatNet(params, "qz", new int[] {d, k}, h, act);
        }
        clsOut = new DenseLayer(params, "qy.out", clsNet.outputWidth(), k, Activation.IDENTITY, WeightInit.XAVIER);
        qz = new GaussianLayer(params, "qz.out", qzNet.outputWidth(), nz, WeightInit.XAVIER);
        if (!aux) {
            paNet = null;
            pa = null;
            pxNet = new ConcatNet(params, "px", new int[] {k, nz}, h, act);
        } else if (sdgm) {
            paNet = new ConcatNet(params, "pa", new int[] {k, nz}, h, act);
            pa = new GaussianLayer(params, "pa.out", paNet.outputWidth(), na, WeightInit.XAVIER);
            pxNet = new ConcatNet(params, "px", new int[] {na, k, nz}, h, act);
        } else {
            paNet = new ConcatNet(params, "pa", new int[] {d, k, nz}, h, act);
            pa = new GaussianLayer(params, "pa.out", paNet.outputWidth(), na, WeightInit.XAVIER);
            pxNet = new ConcatNet(params, "px", new int[] {k, nz}, h, act);
        }
        px = new BernoulliHead(params, "px.out", pxNet.outputWidth(), d);
        params.allocate(config.seed());
    }

    /** Mean labelled loss L(x, y) per labelled row of the last loss computation (NaN without labelled rows). */
    public double lastLabelledLoss() {
        return lastLabelledLoss;
    }

    /** Mean unlabelled loss U(x) per unlabelled row of the last loss computation (NaN without unlabelled rows). */
    public double lastUnlabelledLoss() {
        return lastUnlabelledLoss;
    }

    /** Fraction of labelled rows of the last loss computation whose label had the largest q(y | a, x). */
    public double lastLabelledAccuracy() {
        return lastLabelledAccuracy;
    }

    private INDArray typed(INDArray x, String what) {
        if (x.rank() != 2 || x.columns() != config.inputSize()) {
            throw new IllegalArgumentException("Adgm expects " + what + " of shape [n, " + config.inputSize()
                    + "], got " + java.util.Arrays.toString(x.shape()));
        }
        return x.dataType() == config.dataType() ? x : x.castTo(config.dataType());
    }

    @Override
    protected double batchLoss(Batch batch, double klWeight, boolean withGradients) {
        return step(batch, klWeight, withGradients);
    }

    /** log softmax per row, stable. */
    private static INDArray logSoftmax(INDArray logits) {
        INDArray max = logits.max(1).reshape(logits.rows(), 1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(logits.rows(), 1);
        return shifted.subiColumnVector(lse);
    }

    /** One-hot rows: block k (of {@code rows} rows) is label k, for k = 0..classes-1. */
    private INDArray labelBlocks(long rows) {
        INDArray y = Nd4j.create(config.dataType(), rows * classes, classes);
        for (int k = 0; k < classes; k++) {
            y.get(NDArrayIndex.interval(k * rows, (k + 1) * rows), NDArrayIndex.point(k)).assign(1.0);
        }
        return y;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static INDArray stack(INDArray top, INDArray bottom) {
        if (top == null) {
            return bottom;
        }
        if (bottom == null) {
            return top;
        }
        return Nd4j.vstack(top, bottom);
    }

    /** Adds scale * w_r * d(value_r)/d(arg) for per-row weights w, by computing unweighted terms first. */
    private static void addWeighted(INDArray unweighted, INDArray w, double scale, INDArray target) {
        if (target != null) {
            target.addi(unweighted.muliColumnVector(w).muli(scale));
        }
    }

    private double step(Batch batch, double beta, boolean withGradients) {
        INDArray xl = null;
        INDArray yl = null;
        INDArray xu = batch.xUnlabelled() == null ? null : typed(batch.xUnlabelled(), "unlabelled x");
        if (batch.x() != null && batch.y() == null) {
            xu = stack(typed(batch.x(), "x"), xu); // x without labels: unlabelled
        } else if (batch.x() != null) {
            xl = typed(batch.x(), "labelled x");
            yl = batch.y().dataType() == config.dataType() ? batch.y() : batch.y().castTo(config.dataType());
            if (yl.rows() != xl.rows() || yl.columns() != classes) {
                throw new IllegalArgumentException("Adgm expects one-hot labels of shape [" + xl.rows() + ", " + classes
                        + "], got " + java.util.Arrays.toString(yl.shape()));
            }
        }
        if (xl == null && xu == null) {
            throw new IllegalArgumentException("Adgm: the batch has neither labelled nor unlabelled rows");
        }
        final long nl = xl == null ? 0 : xl.rows();
        final long nu = xu == null ? 0 : xu.rows();
        final long m = nl + nu;
        final int k = classes;
        final double logK = Math.log(k);
        INDArray x = stack(xl, xu);

        // q(a | x), q(y | a, x) on the m distinct rows
        INDArray a = null;
        INDArray logQa = null;
        if (aux) {
            Gaussian qA = qa.forward(qaNet.forward(x));
            a = qa.sample();
            logQa = GaussianMath.logDensity(a, qA.mean(), qA.logVar());
        }
        INDArray logits = clsOut.forward(aux ? clsNet.forward(a, x) : clsNet.forward(x));
        INDArray logPi = logSoftmax(logits);
        INDArray pi = Transforms.exp(logPi, true);

        // the y-conditioned part on R = nl + k nu rows: labelled rows, then unlabelled rows once per class
        INDArray xuTiled = nu == 0 ? null : Nd4j.tile(xu, k, 1);
        INDArray xR = stack(xl, xuTiled);
        INDArray yR = stack(yl, nu == 0 ? null : labelBlocks(nu));
        INDArray aR = null;
        if (aux) {
            aR = stack(nl == 0 ? null : rows(a, 0, nl), nu == 0 ? null : Nd4j.tile(rows(a, nl, m), k, 1));
        }
        Gaussian qZ = qz.forward(aux ? qzNet.forward(xR, yR, aR) : qzNet.forward(xR, yR));
        INDArray z = qz.sample();
        INDArray klZ = GaussianMath.klStandard(qZ.mean(), qZ.logVar());
        INDArray logPa = null;
        if (!aux) {
            px.forward(pxNet.forward(yR, z));
        } else if (sdgm) {
            pa.forward(paNet.forward(yR, z));
            px.forward(pxNet.forward(aR, yR, z));
        } else {
            pa.forward(paNet.forward(xR, yR, z));
            px.forward(pxNet.forward(yR, z));
        }
        if (aux) {
            logPa = GaussianMath.logDensity(aR, pa.mean(), pa.logVar());
        }
        INDArray logPx = px.logProbabilityRows(xR);
        // cost per R row: -log p(x | ...) - log p(y) + beta (KL_z - log p(a | ...))
        INDArray latentR = aux ? klZ.sub(logPa) : klZ.dup();
        INDArray costR = logPx.neg().addi(logK).addi(latentR.mul(beta));
        INDArray latentRows = aux ? logQa.mul(beta) : Nd4j.zeros(config.dataType(), m);

        double sumL = 0;
        double sumU = 0;
        INDArray piU = null;
        INDArray costU = null;
        if (nl > 0) {
            INDArray logPiY = logPi.get(NDArrayIndex.interval(0, nl), NDArrayIndex.all()).mul(yl).sum(1);
            sumL = costR.get(NDArrayIndex.interval(0, nl)).sumNumber().doubleValue()
                    + latentRows.get(NDArrayIndex.interval(0, nl)).sumNumber().doubleValue()
                    - config.alpha() * logPiY.sumNumber().doubleValue();
            INDArray predicted = logits.get(NDArrayIndex.interval(0, nl), NDArrayIndex.all()).argMax(1);
            INDArray truth = yl.argMax(1);
            lastLabelledAccuracy = predicted.eq(truth).castTo(DataType.DOUBLE).meanNumber().doubleValue();
            lastLabelledLoss = sumL / nl;
        } else {
            lastLabelledAccuracy = Double.NaN;
            lastLabelledLoss = Double.NaN;
        }
        if (nu > 0) {
            piU = rows(pi, nl, m);
            INDArray logPiU = rows(logPi, nl, m);
            // cost of row j with class c sits at nl + c nu + j: [k, nu] in c order, transposed to [nu, k]
            costU = costR.get(NDArrayIndex.interval(nl, nl + k * nu)).dup().reshape('c', k, nu).transpose().dup('c');
            sumU = costU.mul(piU).sumNumber().doubleValue()
                    + latentRows.get(NDArrayIndex.interval(nl, m)).sumNumber().doubleValue()
                    + piU.mul(logPiU).sumNumber().doubleValue();
            lastUnlabelledLoss = sumU / nu;
        } else {
            lastUnlabelledLoss = Double.NaN;
        }
        double loss = (sumL + sumU) / m;
        if (withGradients) {
            backward(x, xR, yl, a, aR, z, logPi, pi, costU, nl, nu, beta, 1.0 / m);
        }
        return loss;
    }

    private void backward(INDArray x, INDArray xR, INDArray yl, INDArray a, INDArray aR, INDArray z,
                          INDArray logPi, INDArray pi, INDArray costU, long nl, long nu, double beta, double s) {
        final int k = classes;
        final long m = nl + nu;
        final long r = nl + k * nu;
        DataType dt = config.dataType();
        // weight of every R row in J: 1 for labelled rows, q(c | a, x) for unlabelled row j with class c
        INDArray w = Nd4j.ones(dt, r, 1);
        if (nu > 0) {
            w.get(NDArrayIndex.interval(nl, r), NDArrayIndex.all())
                    .assign(rows(pi, nl, m).transpose().dup('c').reshape('c', k * nu, 1));
        }
        INDArray gz = Nd4j.zeros(dt, r, config.latentSize());
        INDArray gaR = aux ? Nd4j.zeros(dt, r, config.auxSize()) : null;

        // -log p(x | ...)
        INDArray[] g = pxNet.backward(px.backward(xR, w, -s), true);
        if (sdgm) {
            gaR.addi(g[0]);
            gz.addi(g[2]);
        } else {
            gz.addi(g[1]);
        }
        // -beta log p(a | ...)
        if (aux) {
            INDArray ta = Nd4j.zeros(dt, r, config.auxSize());
            INDArray tm = Nd4j.zeros(dt, r, config.auxSize());
            INDArray tl = Nd4j.zeros(dt, r, config.auxSize());
            GaussianMath.addLogDensityGradient(aR, pa.mean(), pa.logVar(), 1.0, ta, tm, tl);
            addWeighted(ta, w, -s * beta, gaR);
            addWeighted(tm, w, -s * beta, pa.gradMean());
            addWeighted(tl, w, -s * beta, pa.gradLogVar());
            g = paNet.backward(pa.backward(true), true);
            gz.addi(sdgm ? g[1] : g[2]);
        }
        // beta KL(q(z | a, x, y) || N(0, I))
        INDArray tm = Nd4j.zeros(dt, r, config.latentSize());
        INDArray tl = Nd4j.zeros(dt, r, config.latentSize());
        GaussianMath.addKlStandardGradient(qz.mean(), qz.logVar(), 1.0, tm, tl, qz.scratch());
        addWeighted(tm, w, s * beta, qz.gradMean());
        addWeighted(tl, w, s * beta, qz.gradLogVar());
        qz.addSampleGradient(gz);
        g = qzNet.backward(qz.backward(true), true);
        if (aux) {
            gaR.addi(g[2]);
        }

        // classifier: labelled alpha (pi - y); unlabelled softmax backward of sum_c pi_c (cost_c + log pi_c)
        INDArray gLogits = Nd4j.zeros(dt, m, k);
        if (nl > 0) {
            rows(gLogits, 0, nl).assign(rows(pi, 0, nl).sub(yl).muli(config.alpha() * s));
        }
        if (nu > 0) {
            INDArray piU = rows(pi, nl, m);
            INDArray dPi = costU.add(rows(logPi, nl, m)).muli(s);
            INDArray mean = dPi.mul(piU).sum(1).reshape(nu, 1);
            rows(gLogits, nl, m).assign(dPi.subiColumnVector(mean).muli(piU));
        }
        INDArray[] gc = clsNet.backward(clsOut.backward(gLogits, true), aux);
        if (!aux) {
            return;
        }
        // gradient of a: labelled rows directly, unlabelled rows summed over their k copies
        INDArray ga = Nd4j.zeros(dt, m, config.auxSize());
        ga.addi(gc[0]);
        if (nl > 0) {
            rows(ga, 0, nl).addi(rows(gaR, 0, nl));
        }
        if (nu > 0) {
            INDArray copies = rows(gaR, nl, r).dup('c').reshape('c', k, nu, config.auxSize());
            rows(ga, nl, m).addi(copies.sum(0));
        }
        // +beta log q(a | x)
        GaussianMath.addLogDensityGradient(a, qa.mean(), qa.logVar(), s * beta, ga, qa.gradMean(), qa.gradLogVar());
        qa.addSampleGradient(ga);
        qaNet.backward(qa.backward(true), false);
    }

    /**
     * q(y | x) averaged over {@code samples} draws of a ~ q(a | x) (one pass without the auxiliary variable):
     * class probabilities [n, classes] (fresh array). Uses ND4J's random generator.
     */
    public INDArray classify(INDArray x, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("classify needs samples >= 1, got " + samples);
        }
        x = typed(x, "x");
        long n = x.rows();
        INDArray probs = Nd4j.create(config.dataType(), n, classes);
        for (long from = 0; from < n; from += CLASSIFY_CHUNK) {
            long to = Math.min(n, from + CLASSIFY_CHUNK);
            INDArray xc = rows(x, from, to).dup('c');
            INDArray out = rows(probs, from, to);
            if (!aux) {
                out.assign(Transforms.exp(logSoftmax(clsOut.forward(clsNet.forward(xc))), false));
                continue;
            }
            qa.forward(qaNet.forward(xc));
            for (int i = 0; i < samples; i++) {
                INDArray ai = qa.sample();
                out.addi(Transforms.exp(logSoftmax(clsOut.forward(clsNet.forward(ai, xc))), false));
            }
            out.divi(samples);
        }
        return probs;
    }

    /** Most probable label per row under {@link #classify(INDArray, int)}. */
    public int[] predict(INDArray x, int samples) {
        return classify(x, samples).argMax(1).toIntVector();
    }

    /** Fraction of rows of {@code x} whose predicted label differs from {@code labels}. */
    public double testError(INDArray x, int[] labels, int samples) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("testError: " + x.rows() + " rows but " + labels.length + " labels");
        }
        int[] p = predict(x, samples);
        int wrong = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] != labels[i]) {
                wrong++;
            }
        }
        return wrong / (double) p.length;
    }

    /** Test error on the (grey-level, not binarised) images of {@code data}, a averaged over {@code samples}. */
    public double testError(MnistData data, int samples) {
        return testError(data.images(), data.labels(), samples);
    }

    /**
     * Class-conditional samples: y = {@code label}, z ~ N(0, I) (and a ~ p(a | y, z) in the SDGM form),
     * returns the Bernoulli means of p(x | ...), shape [n, inputSize]. Uses ND4J's random generator.
     */
    public INDArray generate(int label, int n) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("generate: label must be in [0, " + classes + "), got " + label);
        }
        if (n <= 0) {
            throw new IllegalArgumentException("generate needs n > 0, got " + n);
        }
        INDArray y = Nd4j.zeros(config.dataType(), n, classes);
        y.getColumn(label).assign(1.0);
        INDArray z = Nd4j.randn(config.dataType(), n, config.latentSize());
        if (sdgm) {
            pa.forward(paNet.forward(y, z));
            px.forward(pxNet.forward(pa.sample(), y, z));
        } else {
            px.forward(pxNet.forward(y, z));
        }
        return px.mean();
    }

    /** q(a | x) (fresh arrays); throws when the auxiliary variable is disabled. */
    public Gaussian encodeAuxiliary(INDArray x) {
        if (!aux) {
            throw new IllegalStateException("this Adgm has no auxiliary variable (auxiliary = false)");
        }
        Gaussian q = qa.forward(qaNet.forward(typed(x, "x")));
        return new Gaussian(q.mean().dup(), q.logVar().dup());
    }

    /**
     * Approximate floating-point operations of one training step on a batch of {@code labelled} labelled
     * and {@code unlabelled} unlabelled rows: 2 flops per multiply-add, backward twice the forward.
     * q(a | x) and q(y | a, x) run on the distinct rows, every other network on the rows tiled per class.
     */
    public double flopsPerStep(long labelled, long unlabelled) {
        long m = labelled + unlabelled;
        long r = labelled + (long) classes * unlabelled;
        double macs = 0;
        for (ParameterSpace.Block b : params.blocks()) {
            if (!b.name().endsWith(".W")) {
                continue;
            }
            long rows = b.name().startsWith("qa") || b.name().startsWith("qy") ? m : r;
            macs += (double) rows * b.shape()[0] * b.shape()[1];
        }
        return 2 * 3 * macs;
    }

    @Override
    public String toString() {
        return "Adgm " + (aux ? config.form() : "M2 (no auxiliary)") + " " + config.inputSize() + "-" + config.hidden()
                + (aux ? " a=" + config.auxSize() : "") + " z=" + config.latentSize() + " classes=" + classes
                + " alpha=" + config.alpha() + ", " + params.size() + " parameters";
    }
}
