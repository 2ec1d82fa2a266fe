package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.dgmkit.model.LatentVariableModel;
import org.dgmkit.model.catalog.ModelCatalog;
import org.dgmkit.model.catalog.ModelShape;
import org.dgmkit.model.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PredictiveScoreTest {
    /** An untrained VAE on 5 features (its decoder is as good a prediction as any for checking the arithmetic). */
    private static LatentVariableModel model() {
        return (LatentVariableModel) ModelCatalog.create("vae", new ModelShape(5, List.of(8), 2, 3L),
                VaeConfig.Likelihood.GAUSSIAN_SHARED_VARIANCE, 0.0);
    }

    private static double[][] random(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[n][d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return a;
    }

    /** x - decode(mean of q(z | masked)), worked out element by element with getDouble. */
    private static double[][] residuals(LatentVariableModel m, INDArray x, INDArray masked) {
        INDArray xhat = m.decode(m.encode(masked).mean());
        double[][] r = new double[(int) x.rows()][(int) x.columns()];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = x.getDouble(i, j) - xhat.getDouble(i, j);
            }
        }
        return r;
    }

    @Test
    void variances_and_scores_are_the_gaussian_residuals_worked_out_element_by_element() {
        LatentVariableModel m = model();
        DataType dt = ((org.dgmkit.model.train.TrainableModel) m).parameters().dataType();
        // column-major training windows: the flat copy must read them in row order
        INDArray x = Nd4j.create(random(40, 5, 1)).castTo(dt).dup('f');
        INDArray masked = Nd4j.create(random(40, 5, 2)).castTo(dt).dup('f');
        PredictiveScore p = PredictiveScore.fit(m, x, masked);
        double[][] r = residuals(m, x, masked);
        double[] v = new double[5];
        for (double[] row : r) {
            for (int j = 0; j < 5; j++) {
                v[j] += row[j] * row[j] / r.length;
            }
        }
        for (int j = 0; j < 5; j++) {
            v[j] = Math.max(PredictiveScore.MIN_VARIANCE, v[j]);
        }
        assertArrayEquals(v, p.variance(), 1e-9);

        INDArray y = Nd4j.create(random(6, 5, 3)).castTo(dt);
        INDArray ym = Nd4j.create(random(6, 5, 4)).castTo(dt);
        double[][] ry = residuals(m, y, ym);
        double[] scores = p.score(y, ym, 4);
        assertEquals(4, scores.length);
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 5; j++) {
                s += ry[i][j] * ry[i][j] / v[j] + Math.log(v[j]);
            }
            assertEquals(0.5 * s, scores[i], 1e-6 * Math.max(1, Math.abs(s)), "row " + i);
        }
    }
}
