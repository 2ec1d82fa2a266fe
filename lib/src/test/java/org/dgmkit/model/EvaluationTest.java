package org.dgmkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmkit.model.eval.Evaluation;
import org.dgmkit.model.eval.LatentLayers;
import org.dgmkit.model.nn.GaussianMath;
import org.dgmkit.model.train.Trainer;
import org.dgmkit.model.vae.Vae;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ELBO, importance-weighted bound, per-layer KL and active units. */
class EvaluationTest {
    static Vae vae;
    static INDArray x;

    @BeforeAll
    static void trainTinyVae() {
        x = TrainerTest.data();
        vae = new Vae(TrainerTest.config());
        new Trainer(vae, TrainerTest.trainerConfig(3)).fit(x);
    }

    @Test
    void elboBelowImportanceWeightedBoundsWhichGrowWithKAndStayNegative() {
        double elbo = Evaluation.elbo(vae, x, 240, 1);
        double iw1 = Evaluation.importanceWeighted(vae, x, 1, 240, 1);
        double iw10 = Evaluation.importanceWeighted(vae, x, 10, 240, 2);
        double iw100 = Evaluation.importanceWeighted(vae, x, 100, 240, 3);
        double iw500 = Evaluation.importanceWeighted(vae, x, 500, 240, 4);
        assertEquals(elbo, iw1, 1e-9); // K = 1 with the same noise is the single-sample ELBO
        assertTrue(elbo < iw10 && iw10 < iw100 && iw100 < iw500 && iw500 < 0,
                "expected ELBO < IW10 < IW100 < IW500 < 0: " + elbo + ", " + iw10 + ", " + iw100 + ", " + iw500);
        // analytic-KL ELBO and single-sample ELBO estimate the same number
        Nd4j.getRandom().setSeed(5);
        assertEquals(vae.elbo(x).meanNumber().doubleValue(), elbo, 1.0);
    }

    @Test
    void importanceWeightedIsReproducibleAndIndependentOfBatching() {
        double[] a = Evaluation.importanceWeightedRows(vae, x, 7, 50, 9, null);
        double[] b = Evaluation.importanceWeightedRows(vae, x, 7, 50, 9, null);
        assertArrayEquals(a, b, 0.0);
        assertEquals(240, a.length);
        assertThrows(IllegalArgumentException.class, () -> Evaluation.importanceWeighted(vae, x, 0, 50, 1));
    }

    @Test
    void importanceWeightedKeepsRowsApartWhenTiling() {
        // a "model" whose log weight is -(row index + noise-free): the bound must return it unchanged for any K
        LatentVariableModel stub = new LatentVariableModel() {
            @Override
            public long inputSize() {
                return 2;
            }

            @Override
            public LatentSample sample(INDArray in) {
                INDArray w = in.getColumn(0).dup().negi();
                return new LatentSample(w, w.ulike(), w.ulike());
            }

            @Override
            public Gaussian encode(INDArray in) {
                throw new UnsupportedOperationException();
            }

            @Override
            public INDArray decode(INDArray z) {
                throw new UnsupportedOperationException();
            }
        };
        INDArray data = Nd4j.zeros(DataType.DOUBLE, 13, 2);
        for (int i = 0; i < 13; i++) {
            data.putScalar(i, 0, i);
        }
        for (int k : new int[] {1, 3, 8, 50}) {
            double[] iw = Evaluation.importanceWeightedRows(stub, data, k, 16, 1, null);
            for (int i = 0; i < 13; i++) {
                assertEquals(-i, iw[i], 1e-12, "K=" + k + " row " + i);
            }
        }
    }

    @Test
    void klPerLayerMatchesTheAnalyticKl() {
        double[] kl = Evaluation.klPerLayer(vae, x, 64, 1);
        assertEquals(1, kl.length);
        Gaussian q = vae.encode(x);
        assertEquals(GaussianMath.klStandard(q.mean(), q.logVar()).meanNumber().doubleValue(), kl[0], 1e-4);
        assertTrue(kl[0] > 0);
    }

    @Test
    void activeUnitsCountsUnitsWhosePosteriorMeanVaries() {
        // layer 0: units with variances v, 0.005 v and 0.04 v over x (v = 0.340 for 100 points in [-1, 1]);
        // layer 1: one constant unit
        double[] pts = new double[100];
        for (int i = 0; i < 100; i++) {
            pts[i] = -1 + 2.0 * i / 99;
        }
        INDArray data = Nd4j.create(pts, new long[] {100, 1}, DataType.DOUBLE);
        LatentLayers stub = new LatentLayers() {
            @Override
            public List<Gaussian> posteriorLayers(INDArray in) {
                INDArray s = in;
                INDArray m0 = Nd4j.hstack(s, s.mul(Math.sqrt(0.005)), s.mul(0.2));
                INDArray m1 = Nd4j.ones(DataType.DOUBLE, in.rows(), 1);
                return List.of(new Gaussian(m0, m0.ulike()), new Gaussian(m1, m1.ulike()));
            }

            @Override
            public List<INDArray> klPerLayer(INDArray in) {
                return List.of();
            }
        };
        List<double[]> v = Evaluation.posteriorMeanVariances(stub, data, 30);
        double var = v.get(0)[0];
        assertEquals(101.0 / 297, var, 1e-12); // population variance of the grid
        assertEquals(0.005 * var, v.get(0)[1], 1e-9);
        assertArrayEquals(new int[] {2, 0}, Evaluation.activeUnits(stub, data, 30));
        int[] vaeActive = Evaluation.activeUnits(vae, x, 100);
        assertTrue(vaeActive[0] >= 1 && vaeActive[0] <= 4, "active units " + vaeActive[0]);
    }
}
