package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dgmkit.model.nn.Activation;
import org.dgmkit.model.nn.DenseLayer;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.ReconstructionDistribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Our VAE and DL4J's VariationalAutoencoder layer, given the same weights and the same noise, compute the
 * same reconstruction log-probability. DL4J's parameter keys (VariationalAutoencoderParamInitializer):
 * e{i}W/b, pZXMeanW/b, pZXLogStd2W/b (log sigma^2), d{i}W/b, pXZW/b, weights [nIn, nOut]; for a Gaussian
 * reconstruction distribution pXZ holds the means in its first half of columns and log sigma^2 in the second.
 */
class Dl4jVaeAgreementTest {

    private static org.deeplearning4j.nn.layers.variational.VariationalAutoencoder dl4j(
            VaeConfig c, ReconstructionDistribution dist) {
        int[] enc = c.encoderSizes().stream().mapToInt(Integer::intValue).toArray();
        int[] dec = c.decoderSizes().stream().mapToInt(Integer::intValue).toArray();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(c.dataType()).seed(1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder.Builder()
                        .nIn(c.inputSize()).nOut(c.latentSize()).encoderLayerSizes(enc).decoderLayerSizes(dec)
                        .activation(org.nd4j.linalg.activations.Activation.TANH)
                        .pzxActivationFunction(org.nd4j.linalg.activations.Activation.IDENTITY)
                        .reconstructionDistribution(dist).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) net.getLayer(0);
    }

    private static void copy(org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer, String key,
                             DenseLayer ours) {
        layer.getParam(key + "W").assign(ours.weights().value());
        layer.getParam(key + "b").assign(ours.bias().value());
    }

    private static void copyCommon(Vae vae, org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer) {
        for (int i = 0; i < vae.encoderLayers().size(); i++) {
            copy(layer, "e" + i, vae.encoderLayers().get(i));
        }
        copy(layer, "pZXMean", vae.posteriorLayer().meanHead());
        copy(layer, "pZXLogStd2", vae.posteriorLayer().logVarHead());
        for (int i = 0; i < vae.decoderLayers().size(); i++) {
            copy(layer, "d" + i, vae.decoderLayers().get(i));
        }
    }

    private static INDArray data(boolean binary) {
        Nd4j.getRandom().setSeed(5);
        INDArray u = Nd4j.rand(DataType.DOUBLE, 20, 8);
        return binary ? u.gt(0.5).castTo(DataType.DOUBLE) : u;
    }

    @Test
    void bernoulliReconstructionLogProbabilityEqualsDl4j() {
        VaeConfig c = new VaeConfig(8, List.of(7, 6), 3, List.of(6, 7), Activation.TANH,
                VaeConfig.Likelihood.BERNOULLI, 0, DataType.DOUBLE, 9L);
        Vae vae = new Vae(c);
        var layer = dl4j(c, new BernoulliReconstructionDistribution(org.nd4j.linalg.activations.Activation.SIGMOID));
        copyCommon(vae, layer);
        copy(layer, "pXZ", ((org.dgmkit.model.nn.BernoulliOutput) vae.outputLayer()).logitLayer());
        INDArray x = data(true);
        Nd4j.getRandom().setSeed(77);
        INDArray theirs = layer.reconstructionLogProbability(x, 1);
        Nd4j.getRandom().setSeed(77);
        INDArray ours = vae.reconstructionLogProbability(x);
        assertEquals(20, ours.length());
        for (int i = 0; i < 20; i++) {
            assertEquals(theirs.getDouble(i), ours.getDouble(i), 1e-9 * Math.abs(theirs.getDouble(i)) + 1e-12,
                    "row " + i);
        }
    }

    @Test
    void gaussianReconstructionLogProbabilityEqualsDl4j() {
        VaeConfig c = new VaeConfig(8, List.of(7), 2, List.of(5), Activation.TANH,
                VaeConfig.Likelihood.GAUSSIAN, 0, DataType.DOUBLE, 4L);
        Vae vae = new Vae(c);
        var layer = dl4j(c, new GaussianReconstructionDistribution(org.nd4j.linalg.activations.Activation.IDENTITY));
        copyCommon(vae, layer);
        var out = (org.dgmkit.model.nn.GaussianOutput) vae.outputLayer();
        layer.getParam("pXZW").assign(Nd4j.hstack(out.meanHead().weights().value(), out.logVarHead().weights().value()));
        layer.getParam("pXZb").assign(Nd4j.hstack(out.meanHead().bias().value(), out.logVarHead().bias().value()));
        INDArray x = data(false);
        Nd4j.getRandom().setSeed(78);
        INDArray theirs = layer.reconstructionLogProbability(x, 1);
        Nd4j.getRandom().setSeed(78);
        INDArray ours = vae.reconstructionLogProbability(x);
        for (int i = 0; i < 20; i++) {
            assertEquals(theirs.getDouble(i), ours.getDouble(i), 1e-9 * Math.abs(theirs.getDouble(i)) + 1e-12,
                    "row " + i);
        }
    }
}
