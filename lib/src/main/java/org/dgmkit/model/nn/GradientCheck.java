package org.dgmkit.model.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite-difference check of hand-written gradients, meant for DOUBLE precision and tiny sizes.
 * For every checked entry: numeric = (L(p + h) - L(p - h)) / 2h, and the check fails when
 * |analytic - numeric| &gt; absTolerance and |analytic - numeric| / max(|analytic|, |numeric|) &gt; relTolerance.
 * Stochastic losses must reseed their noise inside {@link Loss#compute} so that every call sees the same
 * sample.
 */
public final class GradientCheck {

    /** A scalar loss; with {@code withGradients} it must also (re)compute its gradients. */
    @FunctionalInterface
    public interface Loss {
        double compute(boolean withGradients);
    }

    /** Something to perturb: its values and, after a compute(true), its analytic gradient. */
    public record Target(String name, INDArray value, Supplier<INDArray> gradient) { }

    /** The outcome: entries checked, entries failed, the worst relative error and a description of failures. */
    public record Result(int checked, int failed, double maxRelativeError, String report) {
        /** True when no entry failed. */
        public boolean passed() {
            return failed == 0 && checked > 0;
        }
    }

    private double step = 1e-6;
    private double relTolerance = 1e-5;
    private double absTolerance = 1e-8;
    private int maxPerTarget = Integer.MAX_VALUE;
    private long seed = 12345;

    /** Finite-difference step (default 1e-6). */
    public GradientCheck step(double h) {
        this.step = h;
        return this;
    }

    /** Relative tolerance (default 1e-5). */
    public GradientCheck relTolerance(double tol) {
        this.relTolerance = tol;
        return this;
    }

    /** Absolute tolerance below which differences are ignored (default 1e-8). */
    public GradientCheck absTolerance(double tol) {
        this.absTolerance = tol;
        return this;
    }

    /** Checks at most this many randomly chosen entries per target (default: all). */
    public GradientCheck maxPerTarget(int n) {
        this.maxPerTarget = n;
        return this;
    }

    /** Seed of the entry subset choice. */
    public GradientCheck seed(long s) {
        this.seed = s;
        return this;
    }

    /** Targets for every trainable block of a parameter space (gradients zeroed before each compute). */
    public static List<Target> targets(ParameterSpace params) {
        List<Target> ts = new ArrayList<>();
        for (ParameterSpace.Block b : params.blocks()) {
            if (b.trainable()) {
                ts.add(new Target(b.name(), b.value(), b::gradient));
            }
        }
        return ts;
    }

    /** Checks all trainable parameters of {@code params}; the loss must zero and fill its gradients. */
    public Result check(Loss loss, ParameterSpace params) {
        return check(loss, targets(params));
    }

    /** Checks the given targets. */
    public Result check(Loss loss, List<Target> targets) {
        loss.compute(true);
        List<INDArray> analytic = new ArrayList<>();
        for (Target t : targets) {
            INDArray g = t.gradient().get();
            if (g == null) {
                throw new IllegalStateException("no gradient for target '" + t.name() + "'");
            }
            if (t.value().dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("gradient checks need DOUBLE arrays, '" + t.name() + "' is "
                        + t.value().dataType());
            }
            analytic.add(g.dup());
        }
        Random rng = new Random(seed);
        int checked = 0;
        int failed = 0;
        double worst = 0;
        StringBuilder report = new StringBuilder();
        for (int k = 0; k < targets.size(); k++) {
            Target t = targets.get(k);
            INDArray v = t.value();
            long len = v.length();
            List<Long> idx = new ArrayList<>();
            for (long i = 0; i < len; i++) {
                idx.add(i);
            }
            if (len > maxPerTarget) {
                java.util.Collections.shuffle(idx, rng);
                idx = idx.subList(0, maxPerTarget);
            }
            for (long i : idx) {
                double orig = v.getDouble(i);
                v.putScalar(i, orig + step);
                double plus = loss.compute(false);
                v.putScalar(i, orig - step);
                double minus = loss.compute(false);
                v.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * step);
                double a = analytic.get(k).getDouble(i);
                double diff = Math.abs(a - numeric);
                double rel = diff / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), 1e-300);
                checked++;
                if (diff > absTolerance) {
                    worst = Math.max(worst, rel);
                    if (rel > relTolerance) {
                        failed++;
                        if (failed <= 20) {
                            report.append(String.format("%s[%d]: analytic %.10g numeric %.10g rel %.3g%n",
                                    t.name(), i, a, numeric, rel));
                        }
                    }
                }
            }
        }
        return new Result(checked, failed, worst, report.toString());
    }
}
