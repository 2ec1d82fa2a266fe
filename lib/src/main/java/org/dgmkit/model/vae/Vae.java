package org.dgmkit.model.vae;

import java.util.ArrayList;
import java.util.List;
import org.dgmkit.model.Gaussian;
import org.dgmkit.model.LatentSample;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.eval.LatentLayers;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.BernoulliOutput;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.Fused;
import org.dgmkit.model.nn.GaussianLayer;
import org.dgmkit.model.nn.GaussianMath;
import org.dgmkit.model.nn.GaussianOutput;
import org.dgmkit.model.nn.HalfBatch;
import org.dgmkit.model.nn.LikelihoodLayer;
import org.dgmkit.model.nn.ParameterSpace;
import org.dgmkit.model.nn.RowBuffer;
import org.dgmkit.model.train.UnsupervisedModel;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Variational autoencoder (Kingma &amp; Welling 2014): encoder MLP to a diagonal Gaussian q(z | x),
 * prior N(0, I), decoder MLP to a Bernoulli or Gaussian p(x | z). Training loss: -ELBO with the
 * analytic KL and one reparameterised sample per example, averaged over the batch.
 *
 * <p>Parameter blocks (in layout order): {@code enc0..encK} (W, b), {@code q.mean}, {@code q.logVar},
 * {@code dec0..decK}, then {@code out} (Bernoulli logits) or {@code out.mean}/{@code out.logVar}.
 */
public final class Vae extends UnsupervisedModel<VaeConfig> implements LatentVariableModel, LatentLayers {
    /** Type name in checkpoints. */
    public static final String TYPE = "vae";

    private final List<DenseLayer> encoder = new ArrayList<>();
    private final GaussianLayer posterior;
    private final List<DenseLayer> decoder = new ArrayList<>();
    private final LikelihoodLayer output;
    private final RowBuffer noise;
    private Vae replica; // the second half of split training steps (HalfBatch), made on first use

    /** Builds and initialises the model (weights seeded with {@code config.seed()}). */
    public Vae(VaeConfig config) {
        this(config, null);
    }

    /** With {@code shared} non-null: a replica working on {@code shared}'s parameters (no initialisation). */
    private Vae(VaeConfig config, ParameterSpace shared) {
        super(TYPE, config);
        WeightInit hiddenInit = config.activation() == Activation.RELU || config.activation() == Activation.LEAKY_RELU
                ? WeightInit.RELU : WeightInit.XAVIER;
        int width = config.inputSize();
        for (int i = 0; i < config.encoderSizes().size(); i++) {
            int out = config.encoderSizes().get(i);
            encoder.add(new DenseLayer(params, "enc" + i, width, out, config.activation(), hiddenInit));
            width = out;
        }
        posterior = new GaussianLayer(params, "q", width, config.latentSize(), WeightInit.XAVIER);
        width = config.latentSize();
        for (int i = 0; i < config.decoderSizes().size(); i++) {
            int out = config.decoderSizes().get(i);
            decoder.add(new DenseLayer(params, "dec" + i, width, out, config.activation(), hiddenInit));
            width = out;
        }
        output = switch (config.likelihood()) {
            case BERNOULLI -> new BernoulliOutput(params, "out", width, config.inputSize(), WeightInit.XAVIER);
            case GAUSSIAN -> GaussianOutput.learnedVariance(params, "out", width, config.inputSize(), WeightInit.XAVIER);
            case GAUSSIAN_FIXED_VARIANCE -> GaussianOutput.fixedVariance(params, "out", width, config.inputSize(),
                    WeightInit.XAVIER, config.outputLogVar());
            case GAUSSIAN_SHARED_VARIANCE -> GaussianOutput.sharedVariance(params, "out", width, config.inputSize(),
                    WeightInit.XAVIER, config.outputLogVar());
        };
        noise = new RowBuffer(config.dataType(), config.latentSize());
        if (shared == null) {
            params.allocate(config.seed());
        } else {
            params.allocateSharing(shared);
        }
    }

    /** Encoder hidden layers. */
    public List<DenseLayer> encoderLayers() {
        return List.copyOf(encoder);
    }

    /** The stochastic layer q(z | x). */
    public GaussianLayer posteriorLayer() {
        return posterior;
    }

    /** Decoder hidden layers. */
    public List<DenseLayer> decoderLayers() {
        return List.copyOf(decoder);
    }

    /** The likelihood layer p(x | z). */
    public LikelihoodLayer outputLayer() {
        return output;
    }

    private INDArray encodeHidden(INDArray x) {
        INDArray h = x;
        for (DenseLayer l : encoder) {
            h = l.forward(h);
        }
        return h;
    }

    private INDArray decodeHidden(INDArray z) {
        INDArray h = z;
        for (DenseLayer l : decoder) {
            h = l.forward(h);
        }
        output.forward(h);
        return h;
    }

    @Override
    protected double step(INDArray x, double beta, boolean withGradients) {
        long n = x.rows();
        double[] t = withGradients && HalfBatch.applies(n) ? splitTerms(x, beta) : terms(x, beta, n, withGradients,
                null);
        double logPx = t[0];
        double kl = t[1];
        lastLogPx = logPx / n;
        lastKl = kl / n;
        return (-logPx + beta * kl) / n;
    }

    /**
     * The two halves of the batch on two threads (see {@link HalfBatch}): the noise of the whole batch drawn here in
     * one call, as the unsplit step draws it, then each half's terms and gradients, the replica's added into ours.
     */
    private double[] splitTerms(INDArray x, double beta) {
        long n = x.rows();
        long mid = HalfBatch.split(n);
        INDArray eps = noise.get(n);
        org.nd4j.linalg.factory.Nd4j.randn(eps);
        if (replica == null) {
            replica = new Vae(config, params);
        }
        Vae other = replica;
        INDArray x0 = HalfBatch.rows(x, 0, mid);
        INDArray x1 = HalfBatch.rows(x, mid, n);
        INDArray e0 = HalfBatch.rows(eps, 0, mid);
        INDArray e1 = HalfBatch.rows(eps, mid, n);
        double[][] t = new double[2][];
        HalfBatch.run(null, () -> t[0] = terms(x0, beta, n, true, e0),
                () -> t[1] = other.terms(x1, beta, n, true, e1));
        params.addReplicaGradients(other.params);
        return new double[] {t[0][0] + t[1][0], t[0][1] + t[1][1]};
    }

    /**
     * log p(x | z) and KL(q || N(0, I)) summed over the rows of {@code x}; with gradients, adds those of the loss
     * (-log p + beta KL) / {@code norm}. Noise from ND4J's generator, or {@code eps} when given.
     */
    private double[] terms(INDArray x, double beta, double norm, boolean withGradients, INDArray eps) {
        Gaussian q = posterior.forward(encodeHidden(x));
        INDArray z = eps == null ? posterior.sample() : posterior.sample(eps);
        decodeHidden(z);
        double logPx = output.logProbability(x);
        // KL(q || N(0, I)) summed over the batch: 1/2 sum(exp(lv) + mu^2 - 1 - lv)
        double kl = Fused.klStandard(Elements.of(q.mean()), Elements.of(q.logVar()), null, 0.0, null, null, null);
        if (withGradients) {
            double n = norm;
            INDArray g = output.backward(-1.0 / n, true);
            for (int i = decoder.size() - 1; i >= 0; i--) {
                g = decoder.get(i).backward(g, true);
            }
            posterior.addSampleGradient(g);
            GaussianMath.addKlStandardGradient(q.mean(), q.logVar(), beta / n, posterior.gradMean(),
                    posterior.gradLogVar(), posterior.scratch());
            g = posterior.backward(true);
            for (int i = encoder.size() - 1; i >= 0; i--) {
                g = encoder.get(i).backward(g, i > 0);
            }
        }
        return new double[] {logPx, kl};
    }

    @Override
    public LatentSample sample(INDArray x) {
        x = typed(x);
        Gaussian q = posterior.forward(encodeHidden(x));
        INDArray z = posterior.sample();
        INDArray logQz = GaussianMath.logDensity(z, q.mean(), q.logVar());
        INDArray logPz = GaussianMath.logStandardDensity(z);
        decodeHidden(z);
        output.logProbability(x);
        return new LatentSample(output.logProbabilityRows(), logPz, logQz);
    }

    /** Runs the encoder once per row and draws {@code samples} latents from each row's q(z | x). */
    @Override
    public LatentSample sampleRepeated(INDArray x, int samples) {
        if (samples == 1) {
            return sample(x);
        }
        x = typed(x);
        Gaussian q = posterior.forward(encodeHidden(x));
        INDArray mean = q.mean().repeat(0, samples);
        INDArray logVar = q.logVar().repeat(0, samples);
        INDArray z = org.nd4j.linalg.factory.Nd4j.randn(mean.dataType(), mean.shape());
        Elements ze = Elements.of(z);
        Fused.reparameterise(Elements.of(mean), Elements.of(logVar), ze, null, ze); // z = mean + sigma eps in place
        INDArray logQz = GaussianMath.logDensity(z, mean, logVar);
        INDArray logPz = GaussianMath.logStandardDensity(z);
        decodeHidden(z);
        output.logProbabilityRepeated(x, samples);
        return new LatentSample(output.logProbabilityRows(), logPz, logQz);
    }

    /**
     * One-sample reconstruction log-probability log p(x | z), z ~ q(z | x), per row (nats); the same
     * quantity as DL4J's {@code VariationalAutoencoder.reconstructionLogProbability(x, 1)}.
     */
    public INDArray reconstructionLogProbability(INDArray x) {
        return sample(x).logPxGivenZ();
    }

    /** ELBO per row with one sample and the analytic KL (nats). */
    public INDArray elbo(INDArray x) {
        x = typed(x);
        Gaussian q = posterior.forward(encodeHidden(x));
        INDArray kl = GaussianMath.klStandard(q.mean(), q.logVar());
        decodeHidden(posterior.sample());
        output.logProbability(x);
        return output.logProbabilityRows().subi(kl);
    }

    @Override
    public Gaussian encode(INDArray x) {
        Gaussian q = posterior.forward(encodeHidden(typed(x)));
        return new Gaussian(q.mean().dup(), q.logVar().dup());
    }

    @Override
    public INDArray decode(INDArray z) {
        if (z.columns() != config.latentSize()) {
            throw new IllegalArgumentException("VAE decode expects " + config.latentSize() + " latent columns, got "
                    + z.columns());
        }
        decodeHidden(z.dataType() == config.dataType() ? z : z.castTo(config.dataType()));
        return output.mean();
    }

    /** Mean of p(x | z) at the posterior mean z = E_q[z | x]: a deterministic reconstruction of each row. */
    public INDArray reconstruct(INDArray x) {
        return decode(encode(x).mean());
    }

    /** {@code n} new examples: the mean of p(x | z) for z drawn from the prior N(0, I) with the given seed. */
    public INDArray generate(int n, long seed) {
        org.nd4j.linalg.api.rng.Random rng = org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(seed);
        // a private generator: the global one (training noise) is left untouched
        INDArray z = org.nd4j.linalg.factory.Nd4j.randn(new long[] {n, config.latentSize()}, rng);
        return decode(z);
    }

    @Override
    public List<Gaussian> posteriorLayers(INDArray x) {
        return List.of(encode(x));
    }

    @Override
    public List<INDArray> klPerLayer(INDArray x) {
        Gaussian q = posterior.forward(encodeHidden(typed(x)));
        return List.of(GaussianMath.klStandard(q.mean(), q.logVar()));
    }

    @Override
    public String toString() {
        return "Vae " + config.inputSize() + "-" + config.encoderSizes() + "-(" + config.latentSize() + ")-"
                + config.decoderSizes() + " " + config.likelihood() + ", " + params.size() + " parameters";
    }
}
