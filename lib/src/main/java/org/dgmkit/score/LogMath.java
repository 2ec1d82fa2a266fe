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
    /**
     * {@code log(erfc(x))}, accurate (relative error about 1e-14) where erfc itself underflows: erfc(30) is
     * 2.6e-393, below the smallest double, but its log is -903.97. Taylor series of erf for |x| &lt; 2, Lentz's
     * continued fraction {@code erfc(x) = exp(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...))))}
     * above. NaN gives NaN; -inf gives log 2, +inf gives -inf.
     */
    public static double logErfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x < 0) {
            // erfc(x) = 2 - erfc(-x), between 1 and 2: no underflow, log1p keeps the small side exact
            return Math.log1p(1 - Math.exp(logErfc(-x)));
        }
        if (x < 2) {
            return Math.log1p(-erfSeries(x));
        }
        // modified Lentz for K = x + a1 / (x + a2 / (x + ...)), a_n = n / 2
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 1000; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : 1 / d;
            c = x + a / c;
            if (c == 0) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return -x * x - 0.5 * Math.log(Math.PI) - Math.log(f);
    }

    /** erf(x) for 0 &le; x &lt; 2 from {@code 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1))}: all terms positive. */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
    }
}
