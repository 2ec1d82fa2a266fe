package org.dgmkit.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the rows of [n, d] activations: y = gamma * (x - mu) / sqrt(var + eps) + beta.
 * In training mode mu and var are the batch's (biased) statistics and the running averages are updated
 * as running = decay * running + (1 - decay) * batch; in evaluation mode the running averages are used.
 * gamma and beta are optional ({@code affine = false} leaves y = normalised x, as ladder networks use).
 * The running statistics live in the parameter space's state buffer, so checkpoints keep them.
 */
public final class BatchNorm {
    private final String name;
    private final int size;
    private final double decay;
    private final double epsilon;
    private final ParameterSpace.Block gamma;
    private final ParameterSpace.Block beta;
    private final ParameterSpace.Block runningMean;
    private final ParameterSpace.Block runningVar;
    private final RowBuffer normalised;
    private final RowBuffer out;
    private final RowBuffer gradIn;
    private final RowBuffer ones;
    private boolean training = true;
    private boolean lastForwardTraining;
    private INDArray invStd;
    private INDArray xhat;

    /** Batch norm with decay 0.9 and epsilon 1e-5. */
    public BatchNorm(ParameterSpace params, String name, int size, boolean affine) {
        this(params, name, size, affine, 0.9, 1e-5);
    }

    /** Reserves {@code name.gamma/beta} (if affine) and state {@code name.runningMean/runningVar}. */
    public BatchNorm(ParameterSpace params, String name, int size, boolean affine, double decay, double epsilon) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch norm '" + name + "' needs a positive size, got " + size);
        }
        if (!(decay >= 0 && decay < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("batch norm '" + name + "' needs 0 <= decay < 1 and epsilon > 0, got "
                    + decay + ", " + epsilon);
        }
        this.name = name;
        this.size = size;
        this.decay = decay;
        this.epsilon = epsilon;
        this.gamma = affine ? params.reserve(name + ".gamma", new ParameterSpace.Constant(1.0), 1, size) : null;
        this.beta = affine ? params.reserve(name + ".beta", new ParameterSpace.Constant(0.0), 1, size) : null;
        this.runningMean = params.reserveState(name + ".runningMean", new ParameterSpace.Constant(0.0), 1, size);
        this.runningVar = params.reserveState(name + ".runningVar", new ParameterSpace.Constant(1.0), 1, size);
        var dt = params.dataType();
        this.normalised = new RowBuffer(dt, size);
        this.out = new RowBuffer(dt, size);
        this.gradIn = new RowBuffer(dt, size);
        this.ones = new RowBuffer(dt, 1, 1.0);
    }

    /** Switches between batch statistics (true) and running statistics (false). */
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** True in training mode. */
    public boolean training() {
        return training;
    }

    /** Width. */
    public int size() {
        return size;
    }

    /** Running mean [1, size] (state view). */
    public INDArray runningMean() {
        return runningMean.value();
    }

    /** Running (biased batch) variance [1, size] (state view). */
    public INDArray runningVar() {
        return runningVar.value();
    }

    /** Normalises {@code x} ([n, size]); returns a layer-owned buffer. */
    public INDArray forward(INDArray x) {
        if (x.columns() != size) {
            throw new IllegalArgumentException("batch norm '" + name + "' expects " + size + " columns, got "
                    + x.columns());
        }
        long n = x.rows();
        INDArray mu;
        INDArray var;
        if (training) {
            if (n < 2) {
                throw new IllegalArgumentException("batch norm '" + name + "' needs at least 2 rows in training mode");
            }
            mu = x.mean(true, 0);
            var = x.var(false, 0).reshape(1, size);
            runningMean.value().muli(decay).addi(mu.mul(1 - decay));
            runningVar.value().muli(decay).addi(var.mul(1 - decay));
        } else {
            mu = runningMean.value();
            var = runningVar.value();
        }
        invStd = Transforms.pow(var.add(epsilon), -0.5, false);
        xhat = normalised.get(n).assign(x).subiRowVector(mu).muliRowVector(invStd);
        lastForwardTraining = training;
        INDArray y = out.get(n).assign(xhat);
        if (gamma != null) {
            y.muliRowVector(gamma.value()).addiRowVector(beta.value());
        }
        return y;
    }

    /**
     * Back-propagates dL/dy (OVERWRITTEN): adds dL/dgamma, dL/dbeta and returns dL/dx (layer-owned)
     * when asked, else null.
     */
    public INDArray backward(INDArray gradOut, boolean needInputGradient) {
        if (xhat == null) {
            throw new IllegalStateException("batch norm '" + name + "': backward before forward");
        }
        long n = gradOut.rows();
        INDArray ones = this.ones.get(n);
        if (gamma != null) {
            INDArray t = gradIn.get(n).assign(gradOut).muli(xhat);
            org.nd4j.linalg.factory.Nd4j.gemm(ones, t, gamma.gradient(), true, false, 1.0, 1.0);
            org.nd4j.linalg.factory.Nd4j.gemm(ones, gradOut, beta.gradient(), true, false, 1.0, 1.0);
            gradOut.muliRowVector(gamma.value()); // now dL/dxhat
        }
        if (!needInputGradient) {
            return null;
        }
        INDArray gx = gradIn.get(n);
        if (!lastForwardTraining) {
            return gx.assign(gradOut).muliRowVector(invStd);
        }
        // dx = invStd / n * (n * dxhat - sum(dxhat) - xhat * sum(dxhat * xhat))
        INDArray sum1 = gradOut.sum(true, 0);
        INDArray sum2 = gx.assign(gradOut).muli(xhat).sum(true, 0);
        gx.assign(xhat).muliRowVector(sum2).negi();
        gx.addi(gradOut.muli((double) n)).subiRowVector(sum1).muliRowVector(invStd.div((double) n));
        return gx;
    }
}
