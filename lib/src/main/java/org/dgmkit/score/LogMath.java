package org.dgmkit.score;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Numerically stable log-sum-exp and log-mean-exp: the largest term is factored out, so values such as
 * -1000 (whose exp underflows to 0) give -1000 + log(n), not -inf or NaN. All -inf inputs give -inf.
 * INDArray results are DOUBLE.
 */
public final class LogMath {
    private LogMath() {
    }

    /** {@code log(sum_i exp(v[i]))}; -inf for an empty array. */
    public static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        if (max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    /** {@code log(mean_i exp(v[i]))}. */
    public static double logMeanExp(double[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException("logMeanExp of an empty array");
        }
        return logSumExp(v) - Math.log(v.length);
    }

    /** {@code log(exp(a) + exp(b))}. */
    public static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    /**
     * Log-sum-exp of a matrix along {@code dimension}: 1 reduces each row (result length = rows),
     * 0 reduces each column (result length = columns).
     */
    public static INDArray logSumExp(INDArray matrix, int dimension) {
        if (matrix.rank() != 2 || (dimension != 0 && dimension != 1)) {
            throw new IllegalArgumentException("logSumExp needs a matrix and dimension 0 or 1, got shape "
                    + java.util.Arrays.toString(matrix.shape()) + " and dimension " + dimension);
        }
        INDArray a = matrix.castTo(DataType.DOUBLE);
        INDArray max = a.max(dimension);
        // a row of all -inf would give (-inf) - (-inf) = NaN: shift it by 0 instead, its sum of exps is 0 -> -inf
        BooleanIndexing.replaceWhere(max, 0.0, Conditions.isInfinite());
        INDArray shifted = dimension == 1 ? a.subColumnVector(max.reshape(max.length(), 1))
                : a.subRowVector(max.reshape(1, max.length()));
        INDArray sum = Transforms.exp(shifted, false).sum(dimension);
        return Transforms.log(sum, false).addi(max);
    }

    /** Log-mean-exp of a matrix along {@code dimension} (see {@link #logSumExp(INDArray, int)}). */
    public static INDArray logMeanExp(INDArray matrix, int dimension) {
        return logSumExp(matrix, dimension).subi(Math.log(matrix.size(dimension)));
    }

    /** Element-wise {@code log(exp(a) + exp(b))} of two vectors of equal length, DOUBLE. */
    public static INDArray logAddExp(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE);
        INDArray y = b.castTo(DataType.DOUBLE);
        INDArray max = Transforms.max(x, y, true);
        BooleanIndexing.replaceWhere(max, 0.0, Conditions.isInfinite());
        INDArray sum = Transforms.exp(x.sub(max), false).addi(Transforms.exp(y.sub(max), false));
        return Transforms.log(sum, false).addi(max);
    }
}
