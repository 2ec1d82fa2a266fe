package org.dgmkit.model.adgm;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.eval.LatentLayers;
import org.dgmkit.model.nn.GaussianLayer;
import org.dgmkit.model.nn.GaussianMath;
import org.dgmkit.model.nn.HalfBatch;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.RowBuffer;
import org.dgmkit.model.train.UnsupervisedModel;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Unsupervised auxiliary VAE (Maaløe et al. 2016) with a Bernoulli p(x | ...) (or a Gaussian one for real values,
 * {@link AuxiliaryVaeConfig#likelihood()}). Inference model
 * q(a | x) q(z1 | a, x) [q(z2 | z1)]; generative model p(z1) p(x | z1) p(a | x, z1) (ADGM form) or
 * p(z1) p(a | z1) p(x | a, z1) (SDGM form), where with two stochastic layers p(z1) is replaced by
 * p(z2) p(z1 | z2), p(z2) = N(0, I).
 *
 * <p>Loss: -ELBO = -E_q[log p(x, a, z) - log q(a, z | x)] with one reparameterised sample per example,
 * averaged over the batch. The top layer's KL to N(0, I) is analytic (valid because q(z_top | ...) is
 * the last variable sampled); the auxiliary terms log p(a | ...) - log q(a | x) and, with two layers,
 * log p(z1 | z2) - log q(z1 | a, x) are Monte Carlo. The warm-up weight {@code ctx.klWeight()} multiplies
 * all latent terms (1 = the true bound).
 */
public final class AuxiliaryVae extends UnsupervisedModel<AuxiliaryVaeConfig> implements LatentVariableModel, LatentLayers {
    /** Type name in checkpoints. */
    public static final String TYPE = "auxiliary-vae";

    private final boolean sdgm;
    private final boolean twoLayers;
    // inference
    private final ConcatNet qaNet;
    private final GaussianLayer qa;
    private final ConcatNet qz1Net;
    private final GaussianLayer qz1;
    private final ConcatNet qz2Net;
    private final GaussianLayer qz2;
    // generative
    private final ConcatNet pz1Net;
    private final GaussianLayer pz1;
    private final ConcatNet paNet;
    private final GaussianLayer pa;
    private final ConcatNet pxNet;
    private final ObservationHead px;
    // gradient accumulators of the sampled variables
    private final RowBuffer gA;
    private final RowBuffer gZ1;
    private final RowBuffer gZ2;
    private AuxiliaryVae replica; // the second half of split training steps (HalfBatch), made on first use
    private final RowBuffer[] splitNoise; // the whole batch's noise of a, z1 (, z2) in a split step

    /** Builds and initialises the model (weights seeded with {@code config.seed()}). */
    public AuxiliaryVae(AuxiliaryVaeConfig config) {
        this(config, null);
    }

    /** With {@code shared} non-null: a replica working on {@code shared}'s parameters (no initialisation). */
    private AuxiliaryVae(AuxiliaryVaeConfig config, ParameterSpace shared) {
        super(TYPE, config);
        this.sdgm = config.form() == GenerativeForm.SDGM;
        this.twoLayers = config.stochasticLayers() == 2;
        int d = config.inputSize();
        int na = config.auxSize();
        int nz1 = config.latentSizes().get(0);
        int nz2 = twoLayers ? config.latentSizes().get(1) : 0;
        List<Integer> h = config.hidden();
        var act = config.activation();
        qaNet = new ConcatNet(params, "qa", new int[] {d}, h, act);
        qa = new GaussianLayer(params, "qa.out", qaNet.outputWidth(), na, WeightInit.XAVIER);
        qz1Net = new ConcatNet(params, "qz1", new int[] {d, na}, h, act);
        qz1 = new GaussianLayer(params, "qz1.out", qz1Net.outputWidth(), nz1, WeightInit.XAVIER);
        if (twoLayers) {
            qz2Net = new ConcatNet(params, "qz2", new int[] {nz1}, h, act);
            qz2 = new GaussianLayer(params, "qz2.out", qz2Net.outputWidth(), nz2, WeightInit.XAVIER);
            pz1Net = new ConcatNet(params, "pz1", new int[] {nz2}, h, act);
            pz1 = new GaussianLayer(params, "pz1.out", pz1Net.outputWidth(), nz1, WeightInit.XAVIER);
        } else {
            qz2Net = null;
            qz2 = null;
            pz1Net = null;
            pz1 = null;
        }
        if (sdgm) {
            paNet = new ConcatNet(params, "pa", new int[] {nz1}, h, act);
            pxNet = new ConcatNet(params, "px", new int[] {na, nz1}, h, act);
        } else {
            paNet = new ConcatNet(params, "pa", new int[] {d, nz1}, h, act);
            pxNet = new ConcatNet(params, "px", new int[] {nz1}, h, act);
        }
        pa = new GaussianLayer(params, "pa.out", paNet.outputWidth(), na, WeightInit.XAVIER);
        px = new ObservationHead(params, "px.out", pxNet.outputWidth(), d, config.likelihood(), config.outputLogVar());
        gA = new RowBuffer(config.dataType(), na);
        gZ1 = new RowBuffer(config.dataType(), nz1);
        gZ2 = new RowBuffer(config.dataType(), Math.max(1, nz2));
        splitNoise = twoLayers ? new RowBuffer[] {new RowBuffer(config.dataType(), na),
            new RowBuffer(config.dataType(), nz1), new RowBuffer(config.dataType(), nz2)}
            : new RowBuffer[] {new RowBuffer(config.dataType(), na), new RowBuffer(config.dataType(), nz1)};
        if (shared == null) {
            params.allocate(config.seed());
        } else {
            params.allocateSharing(shared);
        }
    }

    /** The sampled latents and every log-density of one pass (per row). */
    private record Pass(INDArray a, INDArray z1, INDArray z2, INDArray logPx, INDArray logQa, INDArray logPa,
                        INDArray logQz1, INDArray logPz1, INDArray logQz2, INDArray logPz2, INDArray klTop) { }

    /** Samples a, z1 (, z2) from q and evaluates every network on them. */
    private Pass forward(INDArray x, boolean needTerms) {
        return forward(x, 1, needTerms, null);
    }

    /**
     * As {@link #forward(INDArray, boolean)} on every row repeated {@code repeats} times (row i's copies
     * consecutive), running q(a | x)'s hidden layers once per row: they do not depend on the samples.
     */
    private Pass forward(INDArray input, int repeats, boolean needTerms, INDArray[] eps) {
        INDArray h = qaNet.forward(input);
        INDArray x = repeats == 1 ? input : input.repeat(0, repeats);
        Gaussian qA = qa.forward(repeats == 1 ? h : h.repeat(0, repeats));
        INDArray a = eps == null ? qa.sample() : qa.sample(eps[0]);
        Gaussian qZ1 = qz1.forward(qz1Net.forward(x, a));
        INDArray z1 = eps == null ? qz1.sample() : qz1.sample(eps[1]);
        INDArray z2 = null;
        INDArray logQz2 = null;
        INDArray logPz2 = null;
        INDArray logPz1;
        INDArray klTop;
        if (twoLayers) {
            Gaussian qZ2 = qz2.forward(qz2Net.forward(z1));
            z2 = eps == null ? qz2.sample() : qz2.sample(eps[2]);
            Gaussian pZ1 = pz1.forward(pz1Net.forward(z2));
            logPz1 = GaussianMath.logDensity(z1, pZ1.mean(), pZ1.logVar());
            klTop = GaussianMath.klStandard(qZ2.mean(), qZ2.logVar());
            if (needTerms) {
                logQz2 = GaussianMath.logDensity(z2, qZ2.mean(), qZ2.logVar());
                logPz2 = GaussianMath.logStandardDensity(z2);
            }
        } else {
            logPz1 = GaussianMath.logStandardDensity(z1);
            klTop = GaussianMath.klStandard(qZ1.mean(), qZ1.logVar());
        }
        INDArray logQz1 = GaussianMath.logDensity(z1, qZ1.mean(), qZ1.logVar());
        Gaussian pA = pa.forward(sdgm ? paNet.forward(z1) : paNet.forward(x, z1));
        px.forward(sdgm ? pxNet.forward(a, z1) : pxNet.forward(z1));
        INDArray logPx = px.logProbabilityRows(x);
        INDArray logPa = GaussianMath.logDensity(a, pA.mean(), pA.logVar());
        INDArray logQa = GaussianMath.logDensity(a, qA.mean(), qA.logVar());
        return new Pass(a, z1, z2, logPx, logQa, logPa, logQz1, logPz1, logQz2, logPz2, klTop);
    }

    @Override
    protected double step(INDArray x, double beta, boolean withGradients) {
        long n = x.rows();
        double[] t = withGradients && HalfBatch.applies(n) ? splitTerms(x, beta) : terms(x, beta, n, withGradients,
                null);
        lastLogPx = t[0] / n;
        lastKl = t[1] / n;
        return (-t[0] + beta * t[1]) / n;
    }

    /**
     * The two halves of the batch on two threads (see {@link HalfBatch}): the noise of a, z1 (and z2) for the whole
     * batch drawn here in the order the unsplit step draws it, then each half's terms and gradients, the replica's
     * added into ours.
     */
    private double[] splitTerms(INDArray x, double beta) {
        long n = x.rows();
        long mid = HalfBatch.split(n);
        int layers = splitNoise.length;
        INDArray[] e0 = new INDArray[layers];
        INDArray[] e1 = new INDArray[layers];
        for (int i = 0; i < layers; i++) {
            INDArray e = splitNoise[i].get(n);
            Nd4j.randn(e);
            e0[i] = HalfBatch.rows(e, 0, mid);
            e1[i] = HalfBatch.rows(e, mid, n);
        }
        if (replica == null) {
            replica = new AuxiliaryVae(config, params);
        }
        AuxiliaryVae other = replica;
        INDArray x0 = HalfBatch.rows(x, 0, mid);
        INDArray x1 = HalfBatch.rows(x, mid, n);
        double[][] t = new double[2][];
        HalfBatch.run(null, () -> t[0] = terms(x0, beta, n, true, e0), () -> t[1] = other.terms(x1, beta, n, true, e1));
        params.addReplicaGradients(other.params);
        return new double[] {t[0][0] + t[1][0], t[0][1] + t[1][1]};
    }

    /**
     * log p(x | ...) and the latent cost summed over the rows of {@code x}; with gradients, adds those of the loss
     * (-log p + beta latent) / {@code norm}. Noise from ND4J's generator, or {@code eps} (a, z1[, z2]) when given.
     */
    private double[] terms(INDArray x, double beta, double norm, boolean withGradients, INDArray[] eps) {
        Pass p = forward(x, 1, false, eps);
        // latent cost per row: [log q(a) - log p(a)] + z terms
        INDArray latent = p.logQa.sub(p.logPa).addi(p.klTop);
        if (twoLayers) {
            latent.addi(p.logQz1).subi(p.logPz1);
        }
        double logPx = p.logPx.sumNumber().doubleValue();
        double kl = latent.sumNumber().doubleValue();
        if (withGradients) {
            backward(x, p, 1.0 / norm, beta);
        }
        return new double[] {logPx, kl};
    }

    private void backward(INDArray x, Pass p, double s, double beta) {
        long n = x.rows();
        INDArray ga = gA.get(n).assign(0.0);
        INDArray gz1 = gZ1.get(n).assign(0.0);
        double sb = s * beta;
        // -log p(x | ...)
        INDArray[] g = pxNet.backward(px.backward(x, -s), sdgm ? new int[] {0, 1} : new int[] {0});
        if (sdgm) {
            ga.addi(g[0]);
            gz1.addi(g[1]);
        } else {
            gz1.addi(g[0]);
        }
        // -beta log p(a | ...)
        GaussianMath.addLogDensityGradient(p.a, pa.mean(), pa.logVar(), -sb, ga, pa.gradMean(), pa.gradLogVar());
        g = paNet.backward(pa.backward(true), sdgm ? 0 : 1); // never x's gradient
        gz1.addi(sdgm ? g[0] : g[1]);
        // z terms
        if (twoLayers) {
            INDArray gz2 = gZ2.get(n).assign(0.0);
            GaussianMath.addLogDensityGradient(p.z1, pz1.mean(), pz1.logVar(), -sb, gz1, pz1.gradMean(),
                    pz1.gradLogVar());
            g = pz1Net.backward(pz1.backward(true), true);
            gz2.addi(g[0]);
            GaussianMath.addKlStandardGradient(qz2.mean(), qz2.logVar(), sb, qz2.gradMean(), qz2.gradLogVar(),
                    qz2.scratch());
            qz2.addSampleGradient(gz2);
            g = qz2Net.backward(qz2.backward(true), true);
            gz1.addi(g[0]);
            GaussianMath.addLogDensityGradient(p.z1, qz1.mean(), qz1.logVar(), sb, gz1, qz1.gradMean(),
                    qz1.gradLogVar());
        } else {
            GaussianMath.addKlStandardGradient(qz1.mean(), qz1.logVar(), sb, qz1.gradMean(), qz1.gradLogVar(),
                    qz1.scratch());
        }
        qz1.addSampleGradient(gz1);
        g = qz1Net.backward(qz1.backward(true), 1); // a's gradient, not x's
        ga.addi(g[1]);
        // +beta log q(a | x)
        GaussianMath.addLogDensityGradient(p.a, qa.mean(), qa.logVar(), sb, ga, qa.gradMean(), qa.gradLogVar());
        qa.addSampleGradient(ga);
        qaNet.backward(qa.backward(true), false);
    }

    /**
     * One sample of (a, z1[, z2]) from q per row: logPxGivenZ = log p(x | z1[, a]), logPz = every generative
     * latent term (log p(z1[| z2]) [+ log p(z2)] + log p(a | ...)), logQz = every inference term
     * (log q(a | x) + log q(z1 | a, x) [+ log q(z2 | z1)]).
     */
    @Override
    public LatentSample sample(INDArray x) {
        return sampleRepeated(x, 1);
    }

    /** Runs q(a | x)'s hidden layers once per row and everything after them once per sample. */
    @Override
    public LatentSample sampleRepeated(INDArray x, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("number of samples must be positive, got " + samples);
        }
        Pass p = forward(typed(x), samples, true, null);
        INDArray logPz = p.logPz1.add(p.logPa);
        INDArray logQz = p.logQz1.add(p.logQa);
        if (twoLayers) {
            logPz.addi(p.logPz2);
            logQz.addi(p.logQz2);
        }
        return new LatentSample(p.logPx, logPz, logQz);
    }

    /** One-sample ELBO per row (nats), with the same estimator as the loss (analytic top-layer KL). */
    public INDArray elbo(INDArray x) {
        Pass p = forward(typed(x), false);
        INDArray e = p.logPx.add(p.logPa).subi(p.logQa).subi(p.klTop);
        if (twoLayers) {
            e.addi(p.logPz1).subi(p.logQz1);
        }
        return e;
    }

    /** q(z1 | a, x) for one sample a ~ q(a | x) (fresh arrays). */
    @Override
    public Gaussian encode(INDArray x) {
        x = typed(x);
        qa.forward(qaNet.forward(x));
        Gaussian q = qz1.forward(qz1Net.forward(x, qa.sample()));
        return new Gaussian(q.mean().dup(), q.logVar().dup());
    }

    /**
     * Means of p(x | z1) (Bernoulli probabilities or Gaussian means) for given z1 ([n, latentSizes[0]]); in the SDGM form a is drawn from
     * p(a | z1) first.
     */
    @Override
    public INDArray decode(INDArray z) {
        if (z.columns() != config.latentSizes().get(0)) {
            throw new IllegalArgumentException("AuxiliaryVae decode expects " + config.latentSizes().get(0)
                    + " latent columns, got " + z.columns());
        }
        INDArray z1 = z.dataType() == config.dataType() ? z : z.castTo(config.dataType());
        if (sdgm) {
            pa.forward(paNet.forward(z1));
            px.forward(pxNet.forward(pa.sample(), z1));
        } else {
            px.forward(pxNet.forward(z1));
        }
        return px.mean();
    }

    /** n samples from the generative model: Bernoulli means [n, inputSize] (ancestral sampling from the prior). */
    public INDArray generate(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("generate needs n > 0, got " + n);
        }
        INDArray top = Nd4j.randn(config.dataType(), n, config.latentSizes().get(config.stochasticLayers() - 1));
        INDArray z1 = top;
        if (twoLayers) {
            pz1.forward(pz1Net.forward(top));
            z1 = pz1.sample().dup();
        }
        return decode(z1);
    }

    /** Posteriors of a, z1 (and z2), data side first: a, z1, z2. */
    @Override
    public List<Gaussian> posteriorLayers(INDArray x) {
        x = typed(x);
        List<Gaussian> out = new ArrayList<>();
        Gaussian qA = qa.forward(qaNet.forward(x));
        out.add(new Gaussian(qA.mean().dup(), qA.logVar().dup()));
        Gaussian qZ1 = qz1.forward(qz1Net.forward(x, qa.sample()));
        out.add(new Gaussian(qZ1.mean().dup(), qZ1.logVar().dup()));
        if (twoLayers) {
            Gaussian qZ2 = qz2.forward(qz2Net.forward(qz1.sample()));
            out.add(new Gaussian(qZ2.mean().dup(), qZ2.logVar().dup()));
        }
        return out;
    }

    /** One-sample KL terms per row in the order of {@link #posteriorLayers}: a, z1 (, z2 analytic). */
    @Override
    public List<INDArray> klPerLayer(INDArray x) {
        Pass p = forward(typed(x), false);
        List<INDArray> out = new ArrayList<>();
        out.add(p.logQa.sub(p.logPa));
        if (twoLayers) {
            out.add(p.logQz1.sub(p.logPz1));
        }
        out.add(p.klTop);
        return out;
    }

    @Override
    public String toString() {
        return "AuxiliaryVae " + config.form() + " " + config.inputSize() + "-" + config.hidden() + " a="
                + config.auxSize() + " z=" + config.latentSizes() + ", " + params.size() + " parameters";
    }
}
