package org.dgmkit.model.adgm;

import java.util.List;
import org.dgmkit.data.MnistData;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.BatchNorm;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.Fused;
import org.dgmkit.model.nn.GaussianLayer;
import org.dgmkit.model.nn.GaussianMath;
import org.dgmkit.model.nn.HalfBatch;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.Rendezvous;
import org.dgmkit.model.nn.RowBuffer;
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
 * {@code auxSamples} reparameterised draws of a per row (shared by all classes of the row), one z per draw;
 * KL(q(z) || p(z)) analytic, log p(a | ...) - log q(a | x) Monte Carlo, the bound averaged over the draws. As in
 * the official code, q(y | a, x) enters every log as its mean over the draws, q(y | x) = mean_t q(y | a_t, x)
 * (log-sum-exp). The warm-up weight {@code ctx.klWeight()} multiplies the z and a terms.
 *
 * <p>With {@code batchNorm} every hidden layer is dense -> batch norm -> activation; training uses the batch's
 * statistics (labelled and unlabelled rows together), {@link #classify}, {@link #generate} and
 * {@link #encodeAuxiliary} the running averages.
 */
public final class Adgm extends ModelBase<AdgmConfig> {
    /** Type name in checkpoints. */
    public static final String TYPE = "adgm";
    private static final int CLASSIFY_CHUNK = 1000;

    private final boolean aux;
    private final boolean sdgm;
    private final int classes;
    private final int samples;
    private final List<ConcatNet> nets = new java.util.ArrayList<>();
    private boolean training = true;
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
    private Adgm replica; // the second half of split training steps (HalfBatch), made on first use
    private Rendezvous rendezvous;
    private RowBuffer splitNoiseA; // the whole batch's noise of a split step, reused across steps
    private RowBuffer splitNoiseZ;
    private final ClassTiling tiling; // the step's rows tiled per class and draw, in reused buffers
    private final RowBuffer xPerDraw; // x and q(a | x)'s last hidden layer once per draw of a
    private final RowBuffer qaHiddenPerDraw;
    private double lastLabelledLoss = Double.NaN;
    private double lastUnlabelledLoss = Double.NaN;
    private double lastLabelledAccuracy = Double.NaN;

    /** Builds and initialises the model (weights seeded with {@code config.seed()}). */
    public Adgm(AdgmConfig config) {
        this(config, null);
    }

    /** With {@code shared} non-null: a replica working on {@code shared}'s parameters (no initialisation). */
    private Adgm(AdgmConfig config, ParameterSpace shared) {
        super(TYPE, config);
        this.aux = config.auxiliary();
        this.sdgm = aux && config.form() == GenerativeForm.SDGM;
        this.classes = config.classes();
        this.samples = aux ? config.auxSamples() : 1;
        int d = config.inputSize();
        int na = config.auxSize();
        int nz = config.latentSize();
        int k = classes;
        List<Integer> h = config.hidden();
        Activation act = config.activation();
        if (aux) {
            qaNet = net("qa", new int[] {d});
            qa = new GaussianLayer(params, "qa.out", qaNet.outputWidth(), na, WeightInit.XAVIER);
            clsNet = net("qy", new int[] {na, d});
            qzNet = net("qz", new int[] {d, k, na});
        } else {
            qaNet = null;
            qa = null;
            clsNet = net("qy", new int[] {d});
            qzNet = net("qz", new int[] {d, k});
        }
        clsOut = new DenseLayer(params, "qy.out", clsNet.outputWidth(), k, Activation.IDENTITY, WeightInit.XAVIER);
        qz = new GaussianLayer(params, "qz.out", qzNet.outputWidth(), nz, WeightInit.XAVIER);
        if (!aux) {
            paNet = null;
            pa = null;
            pxNet = net("px", new int[] {k, nz});
        } else if (sdgm) {
            paNet = net("pa", new int[] {k, nz});
            pa = new GaussianLayer(params, "pa.out", paNet.outputWidth(), na, WeightInit.XAVIER);
            pxNet = net("px", new int[] {na, k, nz});
        } else {
            paNet = net("pa", new int[] {d, k, nz});
            pa = new GaussianLayer(params, "pa.out", paNet.outputWidth(), na, WeightInit.XAVIER);
            pxNet = net("px", new int[] {k, nz});
        }
        px = new BernoulliHead(params, "px.out", pxNet.outputWidth(), d);
        tiling = new ClassTiling(config.dataType(), k, d, na);
        xPerDraw = new RowBuffer(config.dataType(), d);
        qaHiddenPerDraw = new RowBuffer(config.dataType(), aux ? qaNet.outputWidth() : 1);
        if (shared != null) {
            params.allocateSharing(shared);
            return;
        }
        params.allocate(config.seed());
        if (config.init() == AdgmInit.OFFICIAL) {
            initialiseOfficial();
        }
    }

    private ConcatNet net(String name, int[] parts) {
        ConcatNet n = new ConcatNet(params, name, parts, config.hidden(), config.activation(), config.batchNorm());
        nets.add(n);
        return n;
    }

    /** {@link AdgmInit#OFFICIAL}: redraws every weight and bias after the default initialisation. */
    private void initialiseOfficial() {
        Nd4j.getRandom().setSeed(config.seed() * 31 + 7);
        Activation act = config.activation();
        nets.forEach(n -> n.initialiseOfficial(act == Activation.RELU || act == Activation.LEAKY_RELU ? Math.sqrt(2) : 1));
        for (GaussianLayer g : new GaussianLayer[] {qa, qz, pa}) {
            if (g != null) {
                normal(g.meanHead(), 1e-3, 1e-3);
                normal(g.logVarHead(), 1e-3, 1e-3);
            }
        }
        normal(clsOut, Math.sqrt(2.0 / (clsOut.nIn() + clsOut.nOut())), 1e-3);
        DenseLayer out = px.logitLayer();
        normal(out, Math.sqrt(2.0 / (out.nIn() + out.nOut())), 1e-3);
    }

    private static void normal(DenseLayer l, double weightStd, double biasStd) {
        INDArray w = l.weights().value();
        w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(weightStd));
        INDArray b = l.bias().value();
        b.assign(Nd4j.randn(b.dataType(), b.shape()).muli(biasStd));
    }

    /** Batch statistics (true, training) or running averages (false) in every batch-norm layer. */
    @Override
    public void setTraining(boolean training) {
        this.training = training;
        nets.forEach(n -> n.setTraining(training));
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

    /** log softmax per row, stable (fresh array). */
    static INDArray logSoftmax(INDArray logits) {
        INDArray max = logits.max(1).reshape(logits.rows(), 1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(logits.rows(), 1);
        return shifted.subiColumnVector(lse);
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
        long nl = xl == null ? 0 : xl.rows();
        long nu = xu == null ? 0 : xu.rows();
        long m = nl + nu;
        // the halves need a row each: below that (nl, nu <= 1) the step runs whole
        boolean split = withGradients && training && HalfBatch.applies(m) && nl / 2 + nu / 2 > 0;
        double[] t = split ? splitTerms(xl, yl, xu, beta) : terms(xl, yl, xu, beta, m, withGradients, null, null);
        lastLabelledLoss = nl > 0 ? t[0] / nl : Double.NaN;
        lastLabelledAccuracy = nl > 0 ? t[2] / nl : Double.NaN;
        lastUnlabelledLoss = nu > 0 ? t[1] / nu : Double.NaN;
        return (t[0] + t[1]) / m;
    }

    /**
     * The two halves of the batch on two threads (see {@link HalfBatch}): half the labelled and half the unlabelled
     * rows each. The noise of the whole batch is drawn here, a's then z's as the unsplit step draws them, and each
     * half gets its rows' share (the same draws the unsplit step would give those rows); batch norm normalises with
     * the whole batch through the rendezvous; the replica's gradients are added into ours.
     */
    private double[] splitTerms(INDArray xl, INDArray yl, INDArray xu, double beta) {
        long nl = xl == null ? 0 : xl.rows();
        long nu = xu == null ? 0 : xu.rows();
        long m = nl + nu;
        long r = nl + classes * nu;
        if (replica == null) {
            splitNoiseA = new RowBuffer(config.dataType(), config.auxSize());
            splitNoiseZ = new RowBuffer(config.dataType(), config.latentSize());
            replica = new Adgm(config, params);
            rendezvous = new Rendezvous();
            List<BatchNorm> theirs = replica.batchNorms();
            List<BatchNorm> mine = batchNorms();
            for (int i = 0; i < mine.size(); i++) {
                BatchNorm.pair(mine.get(i), theirs.get(i), rendezvous);
            }
        }
        INDArray epsA = null;
        if (aux) {
            epsA = splitNoiseA.get(samples * m);
            Nd4j.randn(epsA);
        }
        INDArray epsZ = splitNoiseZ.get(samples * r);
        Nd4j.randn(epsZ);
        Adgm other = replica;
        other.setTraining(true);
        long lm = nl / 2;
        long um = nu / 2;
        INDArray xl0 = part(xl, 0, lm);
        INDArray yl0 = part(yl, 0, lm);
        INDArray xu0 = part(xu, 0, um);
        INDArray xl1 = part(xl, lm, nl);
        INDArray yl1 = part(yl, lm, nl);
        INDArray xu1 = part(xu, um, nu);
        INDArray a0 = aux ? Nd4j.pullRows(epsA, 1, noiseRowsOfA(nl, nu, 0, lm, 0, um)) : null;
        INDArray a1 = aux ? Nd4j.pullRows(epsA, 1, noiseRowsOfA(nl, nu, lm, nl, um, nu)) : null;
        INDArray z0 = Nd4j.pullRows(epsZ, 1, noiseRowsOfZ(nl, nu, 0, lm, 0, um));
        INDArray z1 = Nd4j.pullRows(epsZ, 1, noiseRowsOfZ(nl, nu, lm, nl, um, nu));
        double[][] t = new double[2][];
        HalfBatch.run(rendezvous, () -> t[0] = terms(xl0, yl0, xu0, beta, m, true, a0, z0),
                () -> t[1] = other.terms(xl1, yl1, xu1, beta, m, true, a1, z1));
        params.addReplicaGradients(other.params);
        return new double[] {t[0][0] + t[1][0], t[0][1] + t[1][1], t[0][2] + t[1][2]};
    }

    /** Rows [from, to) of {@code a} (a view), or null when there are none. */
    private static INDArray part(INDArray a, long from, long to) {
        return a == null || to <= from ? null : HalfBatch.rows(a, from, to);
    }

    /**
     * Rows of the whole batch's a-noise ([samples * m], draw-major: draw t, labelled rows, then unlabelled rows) that
     * belong to labelled rows [l0, l1) and unlabelled rows [u0, u1), in the half's own layout.
     */
    private int[] noiseRowsOfA(long nl, long nu, long l0, long l1, long u0, long u1) {
        long m = nl + nu;
        int[] idx = new int[(int) (samples * (l1 - l0 + u1 - u0))];
        int i = 0;
        for (int t = 0; t < samples; t++) {
            for (long j = l0; j < l1; j++) {
                idx[i++] = (int) (t * m + j);
            }
            for (long j = u0; j < u1; j++) {
                idx[i++] = (int) (t * m + nl + j);
            }
        }
        return idx;
    }

    /**
     * As {@link #noiseRowsOfA} for the z-noise, laid out per draw as labelled rows, then the unlabelled rows once per
     * class (class c's block of nu rows).
     */
    private int[] noiseRowsOfZ(long nl, long nu, long l0, long l1, long u0, long u1) {
        long r = nl + classes * nu;
        int[] idx = new int[(int) (samples * (l1 - l0 + classes * (u1 - u0)))];
        int i = 0;
        for (int t = 0; t < samples; t++) {
            for (long j = l0; j < l1; j++) {
                idx[i++] = (int) (t * r + j);
            }
            for (int c = 0; c < classes; c++) {
                for (long j = u0; j < u1; j++) {
                    idx[i++] = (int) (t * r + nl + c * nu + j);
                }
            }
        }
        return idx;
    }

    /** Every batch norm layer, in a fixed order (the same in a replica). */
    private List<BatchNorm> batchNorms() {
        List<BatchNorm> out = new java.util.ArrayList<>();
        nets.forEach(n -> out.addAll(n.batchNorms()));
        return out;
    }

    /**
     * Sums over the given rows ({sum of L(x, y) over labelled rows, sum of U(x) over unlabelled rows, labelled rows
     * classified right}); with gradients, adds those of J / {@code norm}. Noise from ND4J's generator, or
     * {@code epsA} / {@code epsZ} when given (both or neither).
     */
    private double[] terms(INDArray xl, INDArray yl, INDArray xu, double beta, double norm, boolean withGradients,
                           INDArray epsA, INDArray epsZ) {
        final long nl = xl == null ? 0 : xl.rows();
        final long nu = xu == null ? 0 : xu.rows();
        final long m = nl + nu;
        final long r = nl + classes * nu;
        final int ns = samples;
        final int k = classes;
        final double logK = Math.log(k);
        INDArray x = tiling.stack(xl, xu);
        tiling.layout(nl, nu, ns);

        // q(a | x) on the m distinct rows, then ns draws of a per row: rows t m + i (sample-major)
        INDArray a = null;
        INDArray logQa = null;
        if (aux) {
            Gaussian qA = qa.forward(tiling.perDraw(qaNet.forward(x), qaHiddenPerDraw));
            a = epsA == null ? qa.sample() : qa.sample(epsA);
            logQa = GaussianMath.logDensity(a, qA.mean(), qA.logVar());
        }
        INDArray logits = clsOut.forward(aux ? clsNet.forward(a, tiling.perDraw(x, xPerDraw)) : clsNet.forward(x));
        INDArray logPi = logSoftmax(logits);
        INDArray pi = Transforms.exp(logPi, true);
        // the official code's q(y | x) = mean over the draws of q(y | a_t, x), used inside every log
        INDArray logQbar = ns == 1 ? logPi : logMeanOfSamples(logPi, ns, m);
        INDArray qbar = ns == 1 ? pi : Transforms.exp(logQbar, true);

        // the y-conditioned part on ns * r rows: per draw, the labelled rows, then the unlabelled rows once per class
        INDArray yRS = tiling.labels(yl);
        INDArray aRS = aux ? tiling.tileA(a) : null;
        // x repeats once per class and draw: the first layers of q(z | ...) and p(a | x, ...) multiply each row once
        int[] xRow = tiling.distinctRows();
        Gaussian qZ = qz.forward(aux ? qzNet.forwardShared(x, xRow, yRS, aRS) : qzNet.forwardShared(x, xRow, yRS));
        INDArray z = epsZ == null ? qz.sample() : qz.sample(epsZ);
        INDArray klZ = GaussianMath.klStandard(qZ.mean(), qZ.logVar());
        INDArray logPa = null;
        if (!aux) {
            px.forward(pxNet.forward(yRS, z));
        } else if (sdgm) {
            pa.forward(paNet.forward(yRS, z));
            px.forward(pxNet.forward(aRS, yRS, z));
        } else {
            pa.forward(paNet.forwardShared(x, xRow, yRS, z));
            px.forward(pxNet.forward(yRS, z));
        }
        if (aux) {
            logPa = GaussianMath.logDensity(aRS, pa.mean(), pa.logVar());
        }
        INDArray logPx = px.logProbabilityRows(x, xRow); // x scored per tiled row without tiling it
        // cost per row: -log p(x | ...) - log p(y) + beta (KL_z - log p(a | ...)), averaged over the draws
        INDArray latentR = aux ? klZ.sub(logPa) : klZ.dup();
        INDArray costR = meanOfSamples(logPx.neg().addi(logK).addi(latentR.muli(beta)), ns, r);
        INDArray latentRows = aux ? meanOfSamples(logQa.mul(beta), ns, m) : Nd4j.zeros(config.dataType(), m);

        double sumL = 0;
        double sumU = 0;
        double correct = 0;
        INDArray costU = null;
        if (nl > 0) {
            INDArray logQY = rows(logQbar, 0, nl).mul(yl).sum(1);
            sumL = costR.get(NDArrayIndex.interval(0, nl)).sumNumber().doubleValue()
                    + latentRows.get(NDArrayIndex.interval(0, nl)).sumNumber().doubleValue()
                    - config.alpha() * logQY.sumNumber().doubleValue();
            INDArray predicted = rows(logQbar, 0, nl).argMax(1);
            INDArray truth = yl.argMax(1);
            correct = predicted.eq(truth).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        }
        if (nu > 0) {
            INDArray qU = rows(qbar, nl, m);
            INDArray logQU = rows(logQbar, nl, m);
            // cost of row j with class c sits at nl + c nu + j: [k, nu] in c order, transposed to [nu, k]
            costU = costR.get(NDArrayIndex.interval(nl, r)).dup().reshape('c', k, nu).transpose().dup('c');
            sumU = costU.mul(qU).sumNumber().doubleValue()
                    + latentRows.get(NDArrayIndex.interval(nl, m)).sumNumber().doubleValue()
                    + qU.mul(logQU).sumNumber().doubleValue();
        }
        if (withGradients) {
            backward(x, yl, a, aRS, logPi, pi, logQbar, qbar, costU, nl, nu, beta, 1.0 / norm);
        }
        return new double[] {sumL, sumU, correct};
    }

    /** Mean over the ns draws of a per-row vector laid out draw-major ([ns * n] -> [n], fresh). */
    private static INDArray meanOfSamples(INDArray v, int ns, long n) {
        if (ns == 1) {
            return v;
        }
        INDArray sum = v.get(NDArrayIndex.interval(0, n)).dup();
        for (int t = 1; t < ns; t++) {
            sum.addi(v.get(NDArrayIndex.interval(t * n, (t + 1) * n)));
        }
        return sum.divi(ns);
    }

    /** log of the mean over the ns draws of exp(logP) ([ns * n, k] -> [n, k]), by log-sum-exp. */
    private static INDArray logMeanOfSamples(INDArray logP, int ns, long n) {
        INDArray max = rows(logP, 0, n).dup();
        for (int t = 1; t < ns; t++) {
            Transforms.max(max, rows(logP, t * n, (t + 1) * n), false);
        }
        INDArray sum = Nd4j.zerosLike(max);
        for (int t = 0; t < ns; t++) {
            sum.addi(Transforms.exp(rows(logP, t * n, (t + 1) * n).sub(max), false));
        }
        return Transforms.log(sum.divi(ns), false).addi(max);
    }

    private void backward(INDArray x, INDArray yl, INDArray a, INDArray aR, INDArray logPi, INDArray pi,
                          INDArray logQbar, INDArray qbar, INDArray costU, long nl, long nu, double beta, double s) {
        final int k = classes;
        final int ns = samples;
        final long m = nl + nu;
        final long r = nl + k * nu;
        final long rs = ns * r;
        DataType dt = config.dataType();
        // weight of every row in J: 1 for labelled rows, qbar(c | x) for unlabelled row j with class c; / ns draws
        INDArray wR = Nd4j.ones(dt, r, 1);
        if (nu > 0) {
            wR.get(NDArrayIndex.interval(nl, r), NDArrayIndex.all())
                    .assign(rows(qbar, nl, m).transpose().dup('c').reshape('c', k * nu, 1));
        }
        INDArray w = ns == 1 ? wR : Nd4j.tile(wR, ns, 1).muli(1.0 / ns);
        INDArray gz = Nd4j.zeros(dt, rs, config.latentSize());
        INDArray gaR = aux ? Nd4j.zeros(dt, rs, config.auxSize()) : null;

        // -log p(x | ...)
        // input gradients only where they are used (z, and a in the SDGM form; never x or y)
        INDArray[] g = pxNet.backward(px.backward(x, w, -s), sdgm ? new int[] {0, 2} : new int[] {1});
        if (sdgm) {
            gaR.addi(g[0]);
            gz.addi(g[2]);
        } else {
            gz.addi(g[1]);
        }
        // -beta log p(a | ...)
        if (aux) {
            Fused.addLogDensityGradient(Elements.of(aR), Elements.of(pa.mean()), Elements.of(pa.logVar()), -s * beta,
                    Elements.of(w), Elements.of(gaR), Elements.of(pa.gradMean()), Elements.of(pa.gradLogVar()));
            g = paNet.backward(pa.backward(true), sdgm ? 1 : 2);
            gz.addi(sdgm ? g[1] : g[2]);
        }
        // beta KL(q(z | a, x, y) || N(0, I))
        Fused.klStandard(Elements.of(qz.mean()), Elements.of(qz.logVar()), null, s * beta, Elements.of(w),
                Elements.of(qz.gradMean()), Elements.of(qz.gradLogVar()));
        qz.addSampleGradient(gz);
        g = qzNet.backward(qz.backward(true), aux ? new int[] {2} : new int[0]);
        if (aux) {
            gaR.addi(g[2]);
        }

        // classifier, per draw t (qbar = mean_t pi_t): labelled (alpha / ns) (pi_t,y / qbar_y) (pi_t - y);
        // unlabelled: softmax backward of sum_c qbar_c (cost_c + log qbar_c) through pi_t / ns
        INDArray gLogits = Nd4j.zeros(dt, ns * m, k);
        INDArray gU = nu == 0 ? null : costU.add(rows(logQbar, nl, m)).muli(s / ns);
        for (int t = 0; t < ns; t++) {
            INDArray piT = rows(pi, t * m, (t + 1) * m);
            INDArray gT = rows(gLogits, t * m, (t + 1) * m);
            if (nl > 0) {
                INDArray ratio = Transforms.exp(rows(logPi, t * m, t * m + nl).mul(yl).sum(1)
                        .subi(rows(logQbar, 0, nl).mul(yl).sum(1)), false).reshape(nl, 1);
                rows(gT, 0, nl).assign(rows(piT, 0, nl).sub(yl).muliColumnVector(ratio).muli(config.alpha() * s / ns));
            }
            if (nu > 0) {
                INDArray piU = rows(piT, nl, m);
                INDArray mean = gU.mul(piU).sum(1).reshape(nu, 1);
                rows(gT, nl, m).assign(gU.subColumnVector(mean).muli(piU));
            }
        }
        INDArray[] gc = clsNet.backward(clsOut.backward(gLogits, true), aux ? new int[] {0} : new int[0]);
        if (!aux) {
            return;
        }
        // gradient of every draw of a: labelled rows directly, unlabelled rows summed over their k copies
        INDArray ga = Nd4j.zeros(dt, ns * m, config.auxSize());
        ga.addi(gc[0]);
        for (int t = 0; t < ns; t++) {
            INDArray gaT = rows(ga, t * m, (t + 1) * m);
            if (nl > 0) {
                rows(gaT, 0, nl).addi(rows(gaR, t * r, t * r + nl));
            }
            if (nu > 0) {
                INDArray copies = rows(gaR, t * r + nl, (t + 1) * r).dup('c').reshape('c', k, nu, config.auxSize());
                rows(gaT, nl, m).addi(copies.sum(0));
            }
        }
        // +beta log q(a | x), averaged over the draws
        GaussianMath.addLogDensityGradient(a, qa.mean(), qa.logVar(), s * beta / ns, ga, qa.gradMean(),
                qa.gradLogVar());
        qa.addSampleGradient(ga);
        INDArray gh = qa.backward(true);
        qaNet.backward(ns == 1 ? gh : sumOfSamples(gh, ns, m), false);
    }

    /** Sum over the ns draw blocks of [ns * n, w] rows -> [n, w] (fresh). */
    private static INDArray sumOfSamples(INDArray v, int ns, long n) {
        INDArray sum = rows(v, 0, n).dup();
        for (int t = 1; t < ns; t++) {
            sum.addi(rows(v, t * n, (t + 1) * n));
        }
        return sum;
    }

    /**
     * q(y | x) averaged over {@code samples} draws of a ~ q(a | x) (one pass without the auxiliary variable):
     * class probabilities [n, classes] (fresh array). Batch norm uses its running averages. Uses ND4J's random
     * generator.
     */
    public INDArray classify(INDArray x, int samples) {
        return inEvaluation(() -> classifyNow(x, samples));
    }

    /** Runs {@code f} with batch norm on its running averages (inference), then restores the mode. */
    private <T> T inEvaluation(java.util.function.Supplier<T> f) {
        boolean was = training;
        setTraining(false);
        try {
            return f.get();
        } finally {
            setTraining(was);
        }
    }

    private INDArray classifyNow(INDArray x, int samples) {
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
            // one draw of all the noise, laid out draw-major as in the loss (same seed, same a's)
            INDArray eps = Nd4j.randn(config.dataType(), (long) samples * (to - from), config.auxSize());
            for (int i = 0; i < samples; i++) {
                INDArray ai = qa.sample(rows(eps, i * (to - from), (i + 1) * (to - from)));
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
     * returns the Bernoulli means of p(x | ...), shape [n, inputSize]. Batch norm uses its running averages.
     * Uses ND4J's random generator.
     */
    public INDArray generate(int label, int n) {
        return inEvaluation(() -> generateNow(label, n));
    }

    private INDArray generateNow(int label, int n) {
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
        return inEvaluation(() -> {
            Gaussian q = qa.forward(qaNet.forward(typed(x, "x")));
            return new Gaussian(q.mean().dup(), q.logVar().dup());
        });
    }

    /**
     * Approximate floating-point operations of one training step on a batch of {@code labelled} labelled
     * and {@code unlabelled} unlabelled rows: 2 flops per multiply-add, backward twice the forward.
     * q(a | x)'s hidden layers run on the distinct rows, its heads and q(y | a, x) on every draw of a, every other
     * network on the rows tiled per class and draw, except the x rows of the first layers of q(z | ...) and (ADGM
     * form) p(a | x, ...), multiplied once per distinct row.
     */
    public double flopsPerStep(long labelled, long unlabelled) {
        long m = labelled + unlabelled;
        long r = samples * (labelled + (long) classes * unlabelled);
        double macs = 0;
        for (ParameterSpace.Block b : params.blocks()) {
            if (!b.name().endsWith(".W")) {
                continue;
            }
            String n = b.name();
            if (n.equals("qz0.W") || (aux && !sdgm && n.equals("pa0.W"))) {
                long d = config.inputSize();
                macs += ((double) m * d + (double) r * (b.shape()[0] - d)) * b.shape()[1];
                continue;
            }
            long rows = n.startsWith("qa.out") || n.startsWith("qy") ? samples * m : n.startsWith("qa") ? m : r;
            macs += (double) rows * b.shape()[0] * b.shape()[1];
        }
        return 2 * 3 * macs;
    }

    @Override
    public String toString() {
        return "Adgm " + (aux ? config.form() : "M2 (no auxiliary)") + " " + config.inputSize() + "-" + config.hidden()
                + (aux ? " a=" + config.auxSize() : "") + " z=" + config.latentSize() + " classes=" + classes
                + " alpha=" + config.alpha() + (config.batchNorm() ? " BN" : "") + " init=" + config.init()
                + (aux ? " samples of a=" + samples : "") + ", " + params.size() + " parameters";
    }
}
