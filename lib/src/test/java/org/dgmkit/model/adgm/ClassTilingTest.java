package org.dgmkit.model.adgm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The tiled rows of the semi-supervised step against the ND4J tile / vstack formulation they replace. */
class ClassTilingTest {

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    @Test
    void tiledRowsAreTheNd4jTilingPerClassAndDraw() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int k = 3;
            int d = 5;
            int na = 2;
            int ns = 2;
            long nl = 2;
            long nu = 3;
            long m = nl + nu;
            Nd4j.getRandom().setSeed(4);
            INDArray xl = Nd4j.randn(dt, nl, d);
            INDArray xu = Nd4j.randn(dt, nu, d);
            INDArray yl = Nd4j.create(dt, nl, k);
            yl.putScalar(0, 2, 1.0);
            yl.putScalar(1, 0, 1.0);
            INDArray a = Nd4j.randn(dt, ns * m, na);
            ClassTiling t = new ClassTiling(dt, k, d, na);
            INDArray x = t.stack(xl, xu);
            assertEquals(Nd4j.vstack(xl, xu), x);
            t.layout(nl, nu, ns);
            // the formulation the step used before: tile per class, stack, tile per draw
            INDArray labelBlocks = Nd4j.create(dt, nu * k, k);
            for (int c = 0; c < k; c++) {
                labelBlocks.get(NDArrayIndex.interval(c * nu, (c + 1) * nu), NDArrayIndex.point(c)).assign(1.0);
            }
            INDArray xR = Nd4j.vstack(xl, Nd4j.tile(xu, k, 1));
            INDArray yR = Nd4j.vstack(yl, labelBlocks);
            INDArray[] perDraw = new INDArray[ns];
            for (int s = 0; s < ns; s++) {
                INDArray at = rows(a, s * m, (s + 1) * m);
                perDraw[s] = Nd4j.vstack(rows(at, 0, nl), Nd4j.tile(rows(at, nl, m), k, 1));
            }
            assertEquals(Nd4j.tile(xR, ns, 1), Nd4j.pullRows(x, 1, t.distinctRows()), dt + " x");
            assertEquals(Nd4j.tile(yR, ns, 1), t.labels(yl), dt + " y");
            assertEquals(Nd4j.vstack(perDraw), t.tileA(a), dt + " a");
            assertEquals(Nd4j.tile(x, ns, 1), t.perDraw(x, new org.dgmkit.model.nn.RowBuffer(dt, d)), dt + " per draw");
            // unlabelled rows only, one draw
            t.layout(0, nu, 1);
            assertEquals(Nd4j.tile(xu, k, 1), Nd4j.pullRows(xu, 1, t.distinctRows()), dt + " x, unlabelled only");
            assertEquals(labelBlocks, t.labels(null), dt + " y, unlabelled only");
            assertEquals(xu, t.perDraw(xu, null), "one draw: the rows themselves");
        }
    }
}
