package org.dgmkit.model.adgm;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.dgmkit.data.MnistData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Input pruning as in the ADGM paper's MNIST set-up: keep only the pixels whose standard deviation over the
 * training images exceeds a threshold (0.1 in the paper; the official script's default is none), so the border
 * pixels that are always black cost nothing. Fit on the training images, apply the same columns everywhere.
 *
 * <pre>{@code
 * InputPruning prune = InputPruning.fit(train.images(), 0.1);
 * Adgm model = new Adgm(AdgmConfig.paper().withInputSize(prune.keptSize()));
 * MnistData trainP = prune.apply(train), testP = prune.apply(test);
 * }</pre>
 */
public final class InputPruning {
    private final int inputSize;
    private final int[] kept;

    private InputPruning(int inputSize, int[] kept) {
        this.inputSize = inputSize;
        this.kept = kept;
    }

    /** Keeps the columns of {@code x} ([n, d], n >= 2) whose (population) standard deviation is above {@code minStd}. */
    public static InputPruning fit(INDArray x, double minStd) {
        if (x == null || x.rank() != 2 || x.rows() < 2) {
            throw new IllegalArgumentException("InputPruning.fit needs an [n >= 2, d] array, got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        if (!(minStd >= 0)) {
            throw new IllegalArgumentException("InputPruning.fit needs minStd >= 0, got " + minStd);
        }
        double[] std = x.std(false, 0).toDoubleVector();
        int[] kept = IntStream.range(0, std.length).filter(j -> std[j] > minStd).toArray();
        if (kept.length == 0) {
            throw new IllegalArgumentException("InputPruning.fit: no column has a standard deviation above " + minStd);
        }
        return new InputPruning(std.length, kept);
    }

    /** No pruning: every one of {@code d} columns kept. */
    public static InputPruning none(int d) {
        return new InputPruning(d, IntStream.range(0, d).toArray());
    }

    /** Width before pruning. */
    public int inputSize() {
        return inputSize;
    }

    /** Width after pruning (the model's input size). */
    public int keptSize() {
        return kept.length;
    }

    /** The kept column indices, ascending. */
    public int[] kept() {
        return kept.clone();
    }

    /** The kept columns of {@code x} ([n, inputSize] -> [n, keptSize], fresh). */
    public INDArray apply(INDArray x) {
        if (x.rank() != 2 || x.columns() != inputSize) {
            throw new IllegalArgumentException("InputPruning expects [n, " + inputSize + "], got "
                    + Arrays.toString(x.shape()));
        }
        return kept.length == inputSize ? x.dup() : x.getColumns(kept);
    }

    /** {@code data} with its images pruned, labels unchanged. */
    public MnistData apply(MnistData data) {
        return new MnistData(apply(data.images()), data.labels());
    }

    /** Back to full width for display: pruned columns filled with {@code fill} ([n, keptSize] -> [n, inputSize]). */
    public INDArray expand(INDArray pruned, double fill) {
        if (pruned.rank() != 2 || pruned.columns() != kept.length) {
            throw new IllegalArgumentException("InputPruning.expand expects [n, " + kept.length + "], got "
                    + Arrays.toString(pruned.shape()));
        }
        INDArray full = Nd4j.valueArrayOf(new long[] {pruned.rows(), inputSize}, fill, pruned.dataType());
        for (int j = 0; j < kept.length; j++) {
            full.getColumn(kept[j]).assign(pruned.getColumn(j));
        }
        return full;
    }
}
