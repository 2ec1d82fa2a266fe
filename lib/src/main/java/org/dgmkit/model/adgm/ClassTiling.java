package org.dgmkit.model.adgm;

import org.dgmkit.model.nn.Elements;
import org.dgmkit.model.nn.Fused;
import org.dgmkit.model.nn.RowBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row layout of the y-conditioned part of a semi-supervised step, and the tiled inputs built in it: per draw t of a,
 * the nl labelled rows, then the nu unlabelled rows once per class (class c's block of nu rows), ns (nl + classes nu)
 * rows in all. Every such row copies one distinct row of the batch x (labelled rows, then unlabelled ones) and one
 * draw of a (row t m + i of the draw-major [ns m] draws). The tiled a and one-hot y are gathered into reused
 * buffers by bulk row copies (x is never tiled: its users take the row map), where ND4J's tile and vstack each
 * launched a native op and made a fresh array (and tile copies entry by entry): the same values, without the launches.
 */
final class ClassTiling {
    private final int classes;
    private final RowBuffer stacked;
    private final RowBuffer y;
    private final RowBuffer a;
    private long nl = -1;
    private long nu = -1;
    private int ns = -1;
    private int[] distinctRow; // tiled row -> its row of the batch x ([m] rows)
    private int[] drawRow; // tiled row -> its row of the draws of a ([ns m] rows)

    ClassTiling(DataType dataType, int classes, int inputSize, int auxSize) {
        this.classes = classes;
        this.stacked = new RowBuffer(dataType, inputSize);
        this.y = new RowBuffer(dataType, classes);
        this.a = new RowBuffer(dataType, auxSize);
    }

    /** Sets the layout for nl labelled and nu unlabelled rows and ns draws of a (row maps kept while unchanged). */
    void layout(long nl, long nu, int ns) {
        if (nl == this.nl && nu == this.nu && ns == this.ns) {
            return;
        }
        long m = nl + nu;
        long r = nl + classes * nu;
        if (ns * r > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many rows for one step: " + ns * r);
        }
        int[] distinct = new int[(int) (ns * r)];
        int[] draw = new int[distinct.length];
        int i = 0;
        for (int t = 0; t < ns; t++) {
            for (int c = -1; c < classes; c++) { // c = -1: the labelled rows
                long from = c < 0 ? 0 : nl;
                long to = c < 0 ? nl : m;
                for (long j = from; j < to; j++) {
                    distinct[i] = (int) j;
                    draw[i] = (int) (t * m + j);
                    i++;
                }
            }
        }
        this.distinctRow = distinct;
        this.drawRow = draw;
        this.nl = nl;
        this.nu = nu;
        this.ns = ns;
    }

    /** Per row of the layout, its row of the batch x (labelled rows, then unlabelled ones); not to be changed. */
    int[] distinctRows() {
        return distinctRow;
    }

    /** Labelled rows then unlabelled rows ([nl + nu, d]; one of them itself when the other is null or empty). */
    INDArray stack(INDArray labelled, INDArray unlabelled) {
        if (labelled == null || labelled.rows() == 0) {
            return unlabelled == null ? labelled : unlabelled;
        }
        if (unlabelled == null || unlabelled.rows() == 0) {
            return labelled;
        }
        long m = labelled.rows() + unlabelled.rows();
        Elements out = stacked.elements(m);
        Fused.place(Elements.of(labelled), out, 0, 0);
        Fused.place(Elements.of(unlabelled), out, (int) labelled.rows(), 0);
        return stacked.get(m);
    }

    /** The draws of a ([ns (nl + nu), na], draw-major) tiled to the layout's rows (reused buffer). */
    INDArray tileA(INDArray draws) {
        Fused.gatherRows(Elements.of(draws), drawRow, a.elements(drawRow.length));
        return a.get(drawRow.length);
    }

    /**
     * {@code rows} ([nl + nu, w]) once per draw of a (row t m + i = row i), into {@code into}; {@code rows} itself for
     * one draw.
     */
    INDArray perDraw(INDArray rows, RowBuffer into) {
        if (ns == 1) {
            return rows;
        }
        int m = (int) (nl + nu);
        int[] map = new int[ns * m];
        for (int i = 0; i < map.length; i++) {
            map[i] = i % m;
        }
        Fused.gatherRows(Elements.of(rows), map, into.elements(map.length));
        return into.get(map.length);
    }

    /** One-hot y of the layout's rows: the labelled rows' own labels ([nl, classes]), class c in class c's block. */
    INDArray labels(INDArray labelled) {
        int rows = distinctRow.length;
        Elements out = y.elements(rows);
        Elements yl = nl == 0 ? null : Elements.of(labelled);
        int i = 0;
        for (int t = 0; t < ns; t++) {
            for (long j = 0; j < nl; j++) {
                yl.copyRowTo((int) j, out, i++, 0);
            }
            for (int c = 0; c < classes; c++) {
                for (long j = 0; j < nu; j++) {
                    int o = out.at(i++);
                    for (int col = 0; col < classes; col++) {
                        out.set(o + col, col == c ? 1.0 : 0.0);
                    }
                }
            }
        }
        return y.get(rows);
    }
}
