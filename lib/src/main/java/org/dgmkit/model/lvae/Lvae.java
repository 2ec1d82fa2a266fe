package org.dgmkit.model.lvae;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.eval.LatentLayers;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.BatchNorm;
import org.dgmkit.model.nn.BernoulliOutput;
import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.Fused;
import org.dgmkit.model.nn.GaussianLayer;
import org.dgmkit.model.nn.GaussianMath;
import org.dgmkit.model.nn.GaussianOutput;
import org.dgmkit.model.nn.HalfBatch;
import org.dgmkit.model.nn.LikelihoodLayer;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.Rendezvous;
import org.dgmkit.model.nn.RowBuffer;
import org.dgmkit.model.train.Batch;
import org.dgmkit.model.train.StepContext;
import org.dgmkit.model.train.UnsupervisedModel;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Ladder variational autoencoder (Sønderby et al. 2016) with L stochastic layers z_1..z_L
 * (index 0..L-1 in code, 0 next to the data).
 *
 * <ul>
 *   <li><b>Bottom-up:</b> d_l = MLP_l(d_{l-1}), d_0 = x; linear heads give (muHat_l, log varHat_l). Variances are
 *       parameterised by their log (a linear head, clamped to [-16, 16] like {@link GaussianLayer}) rather than
 *       the paper's softplus, as everywhere else in this kit.</li>
 *   <li><b>Generative top-down:</b> p(z_L) = N(0, I); p(z_l | z_{l+1}) = N(muP_l, varP_l) from an MLP of z_{l+1}
 *       with linear (mean, log-variance) heads; p(x | z_1) Bernoulli or Gaussian from an MLP of z_1.</li>
 *   <li><b>Inference top-down:</b> q(z_L | x) = N(muHat_L, varHat_L); for l &lt; L, q(z_l | .) is the
 *       {@link PrecisionWeighting precision-weighted} merge of N(muHat_l, varHat_l) with p(z_l | z_{l+1}) at the
 *       sampled z_{l+1} (the top-down MLPs are shared between inference and generation). Samples are
 *       reparameterised, z = mu + sigma eps with eps from ND4J's generator.</li>
 *   <li><b>Loss:</b> -E[log p(x | z_1)] + beta (KL_L + sum_{l&lt;L} [log q(z_l | .) - log p(z_l | z_{l+1})]) per
 *       example, batch mean: analytic KL for the top layer, the one-sample Monte Carlo difference for the
 *       others; beta is {@link StepContext#klWeight()} (the trainer's warm-up).</li>
 * </ul>
 *
 * <p><b>Batch norm</b> (optional) sits before every hidden activation of all three MLPs and follows
 * {@link #setTraining}: batch statistics while training, running statistics otherwise. The scoring methods
 * ({@link #sample}, {@link #encode}, {@link #decode}, {@link #posteriorLayers}, {@link #klPerLayer}) always use
 * the running statistics, so a row's score never depends on the other rows of its batch.
 *
 * <p>Parameter blocks in layout order: per level l the bottom-up step {@code up l.j} and head {@code qhat l},
 * then the top-down steps from the top, {@code down l.j} with prior head {@code p l}, then the decoder
 * {@code dec.j} and {@code out}. With L = 1 and no batch norm the layout, the numbers and the noise are those
 * of a {@link org.dgmkit.model.vae.Vae} with {@code layersPerStep} hidden layers of the same width each way.
 */
public final class Lvae extends UnsupervisedModel<LvaeConfig> implements LatentVariableModel, LatentLayers {
    /** Type name in checkpoints. */
    public static final String TYPE = "lvae";

    private final int levels;
    private final List<HiddenStack> up = new ArrayList<>();
    private final List<GaussianLayer> qHat = new ArrayList<>();
    private final HiddenStack[] down;     // down[l]: z_{l+1} -> hidden, l < L-1
    private final GaussianLayer[] prior;  // prior[l]: hidden -> p(z_l | z_{l+1}), l < L-1
    private final HiddenStack decoder;
    private final LikelihoodLayer output;
    private boolean training = true;
    private double[] lastKl = new double[0];  // per layer: hides the base class's total
    private final LevelBuffers[] buffers;
    private final Pass pass;
    private final RowBuffer[] noise;      // per level: the whole batch's noise of a split step
    private Lvae replica;                 // the second half of split training steps (HalfBatch), made on first use
    private Rendezvous rendezvous;

    /**
     * One latent layer of an inference pass, for showing the ladder at work in a notebook (fresh arrays).
     *
     * @param bottomUp  N(muHat, varHat) from the deterministic bottom-up path
     * @param prior     p(z_l | z_{l+1}) at the sampled z_{l+1}; N(0, I) for the top layer
     * @param posterior q(z_l | .): the precision-weighted merge of the two, or {@code bottomUp} itself at the top
     * @param z         the sample drawn from {@code posterior}
     */
    public record LadderStep(Gaussian bottomUp, Gaussian prior, Gaussian posterior, INDArray z) { }

    /** Everything one top-down pass produced, per level (views of the model's reusable buffers). */
    private static final class Pass {
        final Gaussian[] hat;
        final Gaussian[] prior;
        final INDArray[] qMean;
        final INDArray[] qLogVar;
        final INDArray[] z;
        long rows;

        Pass(int levels) {
            hat = new Gaussian[levels];
            prior = new Gaussian[levels];
            qMean = new INDArray[levels];
            qLogVar = new INDArray[levels];
            z = new INDArray[levels];
        }
    }

    /** Work arrays of one latent level, reallocated only when the number of rows changes. */
    private static final class LevelBuffers {
        final RowBuffer qMean;
        final RowBuffer qLogVar;
        final RowBuffer wHat;
        final RowBuffer wP;
        final RowBuffer eps;
        final RowBuffer sigma;
        final RowBuffer z;
        final RowBuffer gMean;
        final RowBuffer gLogVar;

        LevelBuffers(org.nd4j.linalg.api.buffer.DataType dt, int k) {
            qMean = new RowBuffer(dt, k);
            qLogVar = new RowBuffer(dt, k);
            wHat = new RowBuffer(dt, k);
            wP = new RowBuffer(dt, k);
            eps = new RowBuffer(dt, k);
            sigma = new RowBuffer(dt, k);
            z = new RowBuffer(dt, k);
            gMean = new RowBuffer(dt, k);
            gLogVar = new RowBuffer(dt, k);
        }
    }

    /** Builds and initialises the model (weights seeded with {@code config.seed()}). */
    public Lvae(LvaeConfig config) {
        this(config, null);
    }

    /** With {@code shared} non-null: a replica working on {@code shared}'s parameters (no initialisation). */
    private Lvae(LvaeConfig config, ParameterSpace shared) {
        super(TYPE, config);
        this.levels = config.layers();
        Activation act = config.activation();
        WeightInit hiddenInit = act == Activation.RELU || act == Activation.LEAKY_RELU ? WeightInit.RELU
                : WeightInit.XAVIER;
        List<Integer> h = config.deterministicSizes();
        List<Integer> k = config.latentSizes();
        int depth = config.layersPerStep();
        boolean bn = config.batchNorm();
        int width = config.inputSize();
        for (int l = 0; l < levels; l++) {
            up.add(new HiddenStack(params, "up" + l, width, h.get(l), depth, act, bn, hiddenInit));
            qHat.add(new GaussianLayer(params, "qhat" + l, h.get(l), k.get(l), WeightInit.XAVIER));
            width = h.get(l);
        }
        down = new HiddenStack[Math.max(0, levels - 1)];
        prior = new GaussianLayer[Math.max(0, levels - 1)];
        for (int l = levels - 2; l >= 0; l--) {
            down[l] = new HiddenStack(params, "down" + l, k.get(l + 1), h.get(l + 1), depth, act, bn, hiddenInit);
            prior[l] = new GaussianLayer(params, "p" + l, h.get(l + 1), k.get(l), WeightInit.XAVIER);
        }
        decoder = new HiddenStack(params, "dec", k.get(0), h.get(0), depth, act, bn, hiddenInit);
        int nIn = h.get(0);
        output = switch (config.likelihood()) {
            case BERNOULLI -> new BernoulliOutput(params, "out", nIn, config.inputSize(), WeightInit.XAVIER);
            case GAUSSIAN -> GaussianOutput.learnedVariance(params, "out", nIn, config.inputSize(), WeightInit.XAVIER);
            case GAUSSIAN_FIXED_VARIANCE -> GaussianOutput.fixedVariance(params, "out", nIn, config.inputSize(),
                    WeightInit.XAVIER, config.outputLogVar());
            case GAUSSIAN_SHARED_VARIANCE -> GaussianOutput.sharedVariance(params, "out", nIn, config.inputSize(),
                    WeightInit.XAVIER, config.outputLogVar());
        };
        if (shared == null) {
            params.allocate(config.seed());
        } else {
            params.allocateSharing(shared);
        }
        buffers = new LevelBuffers[levels];
        noise = new RowBuffer[levels];
        for (int l = 0; l < levels; l++) {
            buffers[l] = new LevelBuffers(config.dataType(), k.get(l));
            noise[l] = new RowBuffer(config.dataType(), k.get(l));
        }
        pass = new Pass(levels);
    }

    /** Every batch norm layer, in a fixed order (the same in a replica). */
    private List<BatchNorm> batchNorms() {
        List<BatchNorm> out = new ArrayList<>();
        up.forEach(s -> out.addAll(s.batchNorms()));
        for (HiddenStack s : down) {
            out.addAll(s.batchNorms());
        }
        out.addAll(decoder.batchNorms());
        return out;
    }

    /** Number of stochastic layers L. */
    public int layers() {
        return levels;
    }

    /** Batch norm: batch statistics (true, the default) or running statistics (false) in the losses. */
    @Override
    public void setTraining(boolean training) {
        this.training = training;
        applyMode(training);
    }

    /** True when the losses use batch statistics. */
    public boolean training() {
        return training;
    }

    private void applyMode(boolean batchStatistics) {
        up.forEach(s -> s.setTraining(batchStatistics));
        for (HiddenStack s : down) {
            s.setTraining(batchStatistics);
        }
        decoder.setTraining(batchStatistics);
    }

    /** Runs {@code body} with batch norm on running statistics, then restores the training mode. */
    private <T> T inEvaluationMode(Supplier<T> body) {
        applyMode(false);
        try {
            return body.get();
        } finally {
            applyMode(training);
        }
    }

    /**
     * Bottom-up then top-down pass. With {@code sampled} each z_l is drawn from q; otherwise z_l is the
     * posterior mean (a deterministic pass). With {@code repeats} > 1 the bottom-up path runs once on the n rows
     * and the top-down path on every row repeated {@code repeats} times (row i's copies consecutive): the
     * bottom-up estimates do not depend on the samples.
     */
    private Pass pass(INDArray x, boolean sampled, int repeats) {
        return pass(x, sampled, repeats, null);
    }

    /** As above; with {@code eps} (per level, the pass's rows) the samples use that noise instead of fresh draws. */
    private Pass pass(INDArray x, boolean sampled, int repeats, INDArray[] eps) {
        Pass p = pass;
        INDArray d = x;
        for (int l = 0; l < levels; l++) {
            d = up.get(l).forward(d);
            p.hat[l] = qHat.get(l).forward(d);
            if (repeats > 1) {
                p.hat[l] = new Gaussian(p.hat[l].mean().repeat(0, repeats), p.hat[l].logVar().repeat(0, repeats));
            }
        }
        long n = x.rows() * repeats;
        p.rows = n;
        for (int l = levels - 1; l >= 0; l--) {
            LevelBuffers b = buffers[l];
            Elements qm;
            Elements qv;
            if (l == levels - 1) {
                p.qMean[l] = p.hat[l].mean();
                p.qLogVar[l] = p.hat[l].logVar();
                qm = Elements.of(p.qMean[l]);
                qv = Elements.of(p.qLogVar[l]);
            } else {
                p.prior[l] = prior[l].forward(down[l].forward(p.z[l + 1]));
                qm = b.qMean.elements(n);
                qv = b.qLogVar.elements(n);
                PrecisionWeighting.merge(Elements.of(p.hat[l].mean()), Elements.of(p.hat[l].logVar()),
                        Elements.of(p.prior[l].mean()), Elements.of(p.prior[l].logVar()), qm, qv, b.wHat.elements(n),
                        b.wP.elements(n));
                p.qMean[l] = b.qMean.get(n);
                p.qLogVar[l] = b.qLogVar.get(n);
            }
            if (sampled && eps != null) {
                Fused.copy(Elements.of(eps[l]), b.eps.elements(n));
                Fused.reparameterise(qm, qv, b.eps.elements(n), b.sigma.elements(n), b.z.elements(n));
            } else if (sampled) {
                Nd4j.randn(b.eps.get(n));
                Fused.reparameterise(qm, qv, b.eps.elements(n), b.sigma.elements(n), b.z.elements(n));
            } else {
                Fused.copy(qm, b.z.elements(n));
            }
            p.z[l] = b.z.get(n);
        }
        return p;
    }

    private Pass pass(INDArray x, boolean sampled) {
        return pass(x, sampled, 1);
    }

    /** Mean KL estimate per example of the last loss computation, summed over layers (nats). */
    @Override
    public double lastKl() {
        double s = 0;
        for (double v : lastKl) {
            s += v;
        }
        return lastKl.length == 0 ? Double.NaN : s;
    }

    /** Mean KL estimate per example and layer (layer 0 next to the data) of the last loss computation. */
    public double[] lastKlPerLayer() {
        return lastKl.clone();
    }

    @Override
    protected double step(INDArray x, double beta, boolean withGradients) {
        long n = x.rows();
        double[] t = withGradients && training && HalfBatch.applies(n) ? splitTerms(x, beta)
                : terms(x, beta, n, withGradients, null);
        double logPx = t[0];
        double[] perLayer = new double[levels];
        double klSum = 0;
        for (int l = 0; l < levels; l++) {
            klSum += t[1 + l];
            perLayer[l] = t[1 + l] / n;
        }
        lastLogPx = logPx / n;
        lastKl = perLayer;
        return (-logPx + beta * klSum) / n;
    }

    /**
     * The two halves of the batch on two threads (see {@link HalfBatch}): every level's noise for the whole batch
     * drawn here, in the order the unsplit pass draws it, then each half's terms and gradients (batch norm over the
     * whole batch through the rendezvous), the replica's gradients added into ours.
     */
    private double[] splitTerms(INDArray x, double beta) {
        long n = x.rows();
        long mid = HalfBatch.split(n);
        INDArray[] e0 = new INDArray[levels];
        INDArray[] e1 = new INDArray[levels];
        for (int l = levels - 1; l >= 0; l--) {
            INDArray e = noise[l].get(n);
            Nd4j.randn(e);
            e0[l] = HalfBatch.rows(e, 0, mid);
            e1[l] = HalfBatch.rows(e, mid, n);
        }
        if (replica == null) {
            replica = new Lvae(config, params);
            rendezvous = new Rendezvous();
            List<BatchNorm> mine = batchNorms();
            List<BatchNorm> theirs = replica.batchNorms();
            for (int i = 0; i < mine.size(); i++) {
                BatchNorm.pair(mine.get(i), theirs.get(i), rendezvous);
            }
        }
        Lvae other = replica;
        other.setTraining(true);
        INDArray x0 = HalfBatch.rows(x, 0, mid);
        INDArray x1 = HalfBatch.rows(x, mid, n);
        double[][] t = new double[2][];
        HalfBatch.run(rendezvous, () -> t[0] = terms(x0, beta, n, true, e0),
                () -> t[1] = other.terms(x1, beta, n, true, e1));
        params.addReplicaGradients(other.params);
        double[] sum = new double[1 + levels];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = t[0][i] + t[1][i];
        }
        return sum;
    }

    /**
     * log p(x | z_1) and the per-layer KL estimates summed over the rows of {@code x} ({logPx, kl_0 .. kl_L-1});
     * with gradients, adds those of the loss (-log p + beta sum KL) / {@code norm}. Noise from ND4J's generator, or
     * {@code eps} per level when given.
     */
    private double[] terms(INDArray x, double beta, double norm, boolean withGradients, INDArray[] eps) {
        long n = x.rows();
        Pass p = pass(x, true, 1, eps);
        output.forward(decoder.forward(p.z[0]));
        double logPx = output.logProbability(x);
        // per-layer KL estimates at the sample: analytic at the top, log q - log p below
        int top = levels - 1;
        double[] perLayer = new double[levels];
        perLayer[top] = Fused.klStandard(Elements.of(p.qMean[top]), Elements.of(p.qLogVar[top]), null, 0.0, null,
                null, null);
        for (int l = 0; l < top; l++) {
            Elements z = buffers[l].z.elements(n);
            perLayer[l] = Fused.logDensity(z, buffers[l].qMean.elements(n), buffers[l].qLogVar.elements(n), null)
                    - Fused.logDensity(z, Elements.of(p.prior[l].mean()), Elements.of(p.prior[l].logVar()), null);
        }
        if (withGradients) {
            backward(p, beta / norm, n, norm);
        }
        double[] out = new double[1 + levels];
        out[0] = logPx;
        System.arraycopy(perLayer, 0, out, 1, levels);
        return out;
    }

    /** Adds the gradient of the loss over {@code norm} examples; {@code s} = beta / norm scales every KL term. */
    private void backward(Pass p, double s, long n, double norm) {
        int top = levels - 1;
        INDArray gz = decoder.backward(output.backward(-1.0 / norm, true), true);
        for (int l = 0; l < top; l++) {
            // KL_l = log q(z_l | .) - log p(z_l | z_{l+1}) at the sample
            GaussianLayer pl = prior[l];
            GaussianLayer ql = qHat.get(l);
            LevelBuffers b = buffers[l];
            Elements z = b.z.elements(n);
            Elements qm = b.qMean.elements(n);
            Elements qv = b.qLogVar.elements(n);
            Elements gMean = b.gMean.elements(n);
            Elements gLogVar = b.gLogVar.elements(n);
            Elements g = Elements.of(gz);
            Elements pMean = Elements.of(p.prior[l].mean());
            Elements pGradMean = Elements.of(pl.gradMean());
            Elements pGradLogVar = Elements.of(pl.gradLogVar());
            Fused.fill(gMean, 0.0);
            Fused.fill(gLogVar, 0.0);
            Fused.addLogDensityGradient(z, qm, qv, s, null, g, gMean, gLogVar);
            Fused.addLogDensityGradient(z, pMean, Elements.of(p.prior[l].logVar()), -s, null, g, pGradMean,
                    pGradLogVar);
            Fused.addSampleGradient(g, b.eps.elements(n), b.sigma.elements(n), gMean, gLogVar);
            PrecisionWeighting.backward(Elements.of(p.hat[l].mean()), pMean, qm, b.wHat.elements(n), b.wP.elements(n),
                    gMean, gLogVar, Elements.of(ql.gradMean()), Elements.of(ql.gradLogVar()), pGradMean, pGradLogVar);
            // z_{l+1} reaches the loss through its own KL terms and through p(z_l | z_{l+1}) only
            gz = down[l].backward(pl.backward(true), true);
        }
        GaussianLayer qt = qHat.get(top);
        LevelBuffers b = buffers[top];
        Elements gMean = Elements.of(qt.gradMean());
        Elements gLogVar = Elements.of(qt.gradLogVar());
        Fused.addSampleGradient(Elements.of(gz), b.eps.elements(n), b.sigma.elements(n), gMean, gLogVar);
        Fused.klStandard(Elements.of(p.qMean[top]), Elements.of(p.qLogVar[top]), null, s, null, gMean, gLogVar);
        INDArray gd = null;
        for (int l = top; l >= 0; l--) {
            INDArray g = qHat.get(l).backward(true);
            if (gd != null) {
                Fused.add(Elements.of(g), Elements.of(gd));
            }
            gd = up.get(l).backward(g, l > 0);
        }
    }

    /**
     * One sample of every latent layer per row from q (batch norm on running statistics):
     * logPxGivenZ = log p(x | z_1), logPz = log p(z_L) + sum_{l&lt;L} log p(z_l | z_{l+1}),
     * logQz = sum_l log q(z_l | .), so that logWeight() is the single-sample ELBO / importance weight.
     */
    @Override
    public LatentSample sample(INDArray x) {
        return sampleRepeated(x, 1);
    }

    /** Runs the bottom-up path once per row and the top-down path once per sample. */
    @Override
    public LatentSample sampleRepeated(INDArray x, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("number of samples must be positive, got " + samples);
        }
        INDArray xt = typed(x);
        return inEvaluationMode(() -> {
            Pass p = pass(xt, true, samples);
            int top = levels - 1;
            INDArray logPz = GaussianMath.logStandardDensity(p.z[top]);
            INDArray logQz = GaussianMath.logDensity(p.z[top], p.qMean[top], p.qLogVar[top]);
            for (int l = 0; l < top; l++) {
                logPz.addi(GaussianMath.logDensity(p.z[l], p.prior[l].mean(), p.prior[l].logVar()));
                logQz.addi(GaussianMath.logDensity(p.z[l], p.qMean[l], p.qLogVar[l]));
            }
            output.forward(decoder.forward(p.z[0]));
            output.logProbabilityRepeated(xt, samples);
            return new LatentSample(output.logProbabilityRows(), logPz, logQz);
        });
    }

    /**
     * q(z_1 | x) of the full inference path, deterministically: the top-down pass with every upper latent
     * z_2..z_L set to its posterior mean instead of a sample (batch norm on running statistics). For L = 1
     * this is the plain bottom-up posterior, as in the VAE.
     */
    @Override
    public Gaussian encode(INDArray x) {
        return posteriorLayers(x).get(0);
    }

    /** Mean of p(x | z_1) for first-layer latents {@code z} (batch norm on running statistics). */
    @Override
    public INDArray decode(INDArray z) {
        int k = config.latentSizes().get(0);
        if (z.columns() != k) {
            throw new IllegalArgumentException("LVAE decode expects " + k + " latent columns (z_1), got "
                    + z.columns());
        }
        INDArray zt = z.dataType() == config.dataType() ? z : z.castTo(config.dataType());
        return inEvaluationMode(() -> {
            output.forward(decoder.forward(zt));
            return output.mean();
        });
    }

    /**
     * One sampled inference pass (batch norm on running statistics), layer 0 = z_1 first: for every layer the
     * bottom-up estimate, the top-down prior, the merged posterior and the sample. E.g. for one image,
     * {@code inferenceSteps(x.getRow(0, true)).get(0)} shows how the prior pulled the bottom-up estimate.
     */
    public List<LadderStep> inferenceSteps(INDArray x) {
        INDArray xt = typed(x);
        return inEvaluationMode(() -> {
            Pass p = pass(xt, true);
            List<LadderStep> out = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                Gaussian hat = new Gaussian(p.hat[l].mean().dup(), p.hat[l].logVar().dup());
                Gaussian pr = l < levels - 1 ? new Gaussian(p.prior[l].mean().dup(), p.prior[l].logVar().dup())
                        : new Gaussian(p.qMean[l].ulike().assign(0.0), p.qMean[l].ulike().assign(0.0));
                out.add(new LadderStep(hat, pr, new Gaussian(p.qMean[l].dup(), p.qLogVar[l].dup()), p.z[l].dup()));
            }
            return out;
        });
    }

    /**
     * Ancestral samples from the generative model: z_L ~ N(0, I), z_l ~ p(z_l | z_{l+1}), returning the mean
     * of p(x | z_1) for {@code n} rows (ND4J's generator; batch norm on running statistics).
     */
    public INDArray generate(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("number of samples must be positive, got " + n);
        }
        return inEvaluationMode(() -> {
            INDArray z = Nd4j.randn(config.dataType(), n, config.latentSizes().get(levels - 1));
            for (int l = levels - 2; l >= 0; l--) {
                Gaussian pz = prior[l].forward(down[l].forward(z));
                INDArray e = Nd4j.randn(pz.mean().ulike());
                z = e.muli(Transforms.exp(pz.logVar().mul(0.5), false)).addi(pz.mean());
            }
            output.forward(decoder.forward(z));
            return output.mean();
        });
    }

    /**
     * q(z_l | .) for every layer (layer 0 = z_1 first), from the deterministic top-down pass of
     * {@link #encode} (upper latents at their posterior means); fresh arrays.
     */
    @Override
    public List<Gaussian> posteriorLayers(INDArray x) {
        INDArray xt = typed(x);
        return inEvaluationMode(() -> {
            Pass p = pass(xt, false);
            List<Gaussian> out = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                out.add(new Gaussian(p.qMean[l].dup(), p.qLogVar[l].dup()));
            }
            return out;
        });
    }

    /**
     * KL term of every layer per row (layer 0 = z_1 first), at one sample of the upper layers: analytic
     * KL(q(z_L | x) || N(0, I)) at the top and, below, the analytic KL(q(z_l | .) || p(z_l | z_{l+1})) given the
     * sampled z_{l+1} (an unbiased estimate of the layer's KL term with less noise than log q - log p).
     * Uses ND4J's generator: seed it for repeatable numbers.
     */
    @Override
    public List<INDArray> klPerLayer(INDArray x) {
        INDArray xt = typed(x);
        return inEvaluationMode(() -> {
            Pass p = pass(xt, true);
            List<INDArray> out = new ArrayList<>();
            for (int l = 0; l < levels - 1; l++) {
                out.add(GaussianMath.kl(p.qMean[l], p.qLogVar[l], p.prior[l].mean(), p.prior[l].logVar()));
            }
            out.add(GaussianMath.klStandard(p.qMean[levels - 1], p.qLogVar[levels - 1]));
            return out;
        });
    }

    /**
     * Matrix-product floating-point operations per training example (forward plus both backward products of
     * every dense layer, 2 x 3 x multiply-adds, minus the unneeded input gradient of the first layer) - the
     * convention of the training benchmark; element-wise work and batch norm are not counted.
     */
    public double flopsPerExample() {
        double macs = 0;
        for (ParameterSpace.Block b : params.blocks()) {
            if (b.trainable() && b.name().endsWith(".W")) {
                macs += (double) b.shape()[0] * b.shape()[1];
            }
        }
        ParameterSpace.Block first = params.block("up0.0.W");
        return 2 * (3 * macs - (double) first.shape()[0] * first.shape()[1]);
    }

    @Override
    public String toString() {
        return "Lvae " + config.inputSize() + " det " + config.deterministicSizes() + " x" + config.layersPerStep()
                + " latent " + config.latentSizes() + (config.batchNorm() ? " BN" : "") + " "
                + config.activation() + " " + config.likelihood() + ", " + params.size() + " parameters";
    }
}
