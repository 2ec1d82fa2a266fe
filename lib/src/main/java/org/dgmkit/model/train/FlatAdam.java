package org.dgmkit.model.train;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.dgmkit.model.nn.HalfBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam over a flat FLOAT parameter buffer in one fused Java pass (two threads), with exactly the formula and the
 * state layout of ND4J's {@code AdamUpdater} (first moments m in the first half of the state array, second
 * moments v in the second): alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t), update = alpha_t m / (sqrt(v) + eps).
 * Why: ND4J's Adam op took 12 ms per step on the 1.4M-parameter benchmark VAE (30 % of the step) where this pass
 * takes a few. DOUBLE buffers (gradient checks, tests) and views go through ND4J's Adam unchanged.
 */
public final class FlatAdam {
    private final Adam config;
    private final INDArray state;
    private final GradientUpdater fallback;

    /** Adam with {@code config}'s hyper-parameters over {@code state} ([1, 2 n], initialised to zero here). */
    public FlatAdam(Adam config, INDArray state) {
        this.config = config;
        this.state = state;
        this.fallback = config.instantiate(state, true);
    }

    /** Overwrites {@code gradient} with the update to subtract, and advances the moments. */
    public void apply(INDArray gradient, int iteration, int epoch) {
        pass(null, gradient, null, iteration, epoch);
    }

    /** {@code gradient += other, other = 0} for the fallback: {@code HalfBatch.addInto} on whole buffers. */
    private static void mergeInto(INDArray gradient, INDArray other) {
        if (!gradient.isView() && !other.isView() && gradient.dataType() == other.dataType()
                && gradient.length() <= Integer.MAX_VALUE) {
            HalfBatch.addInto(gradient, other);
        } else {
            gradient.addi(other.dataType() == gradient.dataType() ? other : other.castTo(gradient.dataType()));
            other.assign(0.0);
        }
    }

    /**
     * One Adam step in one pass: advances the moments, subtracts the update from {@code values} and sets
     * {@code gradient} to zero, ready to accumulate the next step's gradient (so the caller need not zero it).
     * The same values as {@link #apply} followed by {@code values.subi(gradient)}, two passes over the buffers fewer.
     */
    public void update(INDArray values, INDArray gradient, int iteration, int epoch) {
        update(values, gradient, null, iteration, epoch);
    }

    /**
     * {@link #update(INDArray, INDArray, int, int)} on the gradient {@code gradient + other}, summed entry by entry
     * inside the same pass ({@code other} may be null: then exactly the update without it), and both buffers set to
     * zero. Why: the second half of a split step leaves its gradient in a buffer of its own
     * ({@code ParameterSpace.deferReplicaMerge}); adding it in here reads and writes the buffers once instead of a
     * merge pass and then this pass, both memory-bound. The sum is the same float addition as
     * {@code HalfBatch.addInto}, so the values and moments are those of the merge followed by the update, bit for
     * bit. Buffers the fused pass does not take (DOUBLE, views) are merged first ({@code other} zeroed), then updated
     * as without {@code other}.
     */
    public void update(INDArray values, INDArray gradient, INDArray other, int iteration, int epoch) {
        if (values.length() != gradient.length()) {
            throw new IllegalArgumentException("Adam: values and gradient differ in length: " + values.length() + " vs "
                    + gradient.length());
        }
        if (other != null && (other.length() != gradient.length() || other == gradient)) {
            throw new IllegalArgumentException("Adam: the second gradient buffer differs in length or is the first: "
                    + other.length() + " vs " + gradient.length());
        }
        pass(values, gradient, other, iteration, epoch);
    }

    private void pass(INDArray values, INDArray gradient, INDArray other, int iteration, int epoch) {
        long n = gradient.length();
        if (other != null && (other.dataType() != DataType.FLOAT || other.isView())) {
            mergeInto(gradient, other); // the pass below takes whole FLOAT buffers only: merged apart, then as without
            other = null;
        }
        if (gradient.dataType() != DataType.FLOAT || state.dataType() != DataType.FLOAT || gradient.isView()
                || state.isView() || state.length() != 2 * n || n > Integer.MAX_VALUE / 2
                || (values != null && (values.dataType() != DataType.FLOAT || values.isView()))) {
            if (other != null) {
                mergeInto(gradient, other);
            }
            fallback.applyUpdater(gradient, iteration, epoch);
            if (values != null) {
                values.subi(gradient);
                gradient.assign(0.0);
            }
            return;
        }
        double lr = config.getLearningRate(iteration, epoch);
        double b1 = config.getBeta1();
        double b2 = config.getBeta2();
        float eps = (float) config.getEpsilon();
        double alphaT = lr * Math.sqrt(1 - Math.pow(b2, iteration + 1)) / (1 - Math.pow(b1, iteration + 1));
        if (!Double.isFinite(alphaT) || alphaT == 0) {
            alphaT = config.getEpsilon(); // what ND4J's op does in this corner
        }
        final float a = (float) alphaT;
        final float fb1 = (float) b1;
        final float fb2 = (float) b2;
        final FloatBuffer g = gradient.data().asNioFloat();
        final FloatBuffer s = state.data().asNioFloat();
        final FloatBuffer w = values == null ? null : values.data().asNioFloat();
        final FloatBuffer o = other == null ? null : other.data().asNioFloat();
        final int len = (int) n;
        if (iteration % FLUSH_EVERY == 0) {
            flushTinyMoments(s, 2 * len);
        }
        int parts = 2;
        IntStream.range(0, parts).parallel().forEach(p -> {
            int from = (int) ((long) len * p / parts);
            int to = (int) ((long) len * (p + 1) / parts);
            chunks(g, o, s, w, len, from, to, a, fb1, fb2, eps);
        });
    }

    /**
     * Moments below {@link #TINY} are set to zero every {@link #FLUSH_EVERY} steps. Why: arithmetic on subnormal floats
     * (below 1.2e-38) takes a microcode path tens of times slower, and Java cannot set the CPU's flush-to-zero mode.
     * A parameter whose gradient is zero in most steps (a dead unit, a pixel that is almost always blank) has its first
     * moment shrink by beta1 per step into that range: after 1 200 steps of the benchmark VAE 58 000 first moments
     * were subnormal, and the Adam pass took 4.4 instead of 1.5 ms per step. From 1e-30 a moment needs more than 170
     * steps at beta1 = 0.9 to become subnormal, so a flush every 100 steps catches it first, and the update loop itself
     * stays as it is (branch-free, vectorised). No weight changes: such a moment moves its weight by at most
     * lr 1e-30 / eps, below a float's rounding of any weight larger than 1e-16.
     */
    static final int FLUSH_EVERY = 100;
    static final float TINY = 1e-30f;

    /** Sets every entry of {@code s[0, n)} smaller than {@link #TINY} in magnitude to zero. */
    static void flushTinyMoments(FloatBuffer s, int n) {
        float[] c = new float[CHUNK];
        for (int base = 0; base < n; base += CHUNK) {
            int k = Math.min(CHUNK, n - base);
            s.get(base, c, 0, k);
            boolean changed = false;
            for (int i = 0; i < k; i++) {
                if (c[i] != 0f && Math.abs(c[i]) < TINY) {
                    c[i] = 0f;
                    changed = true;
                }
            }
            if (changed) {
                s.put(base, c, 0, k);
            }
        }
    }

    /** Entries per chunk: the chunk's four arrays (32 KiB) stay in the L1/L2 cache. */
    private static final int CHUNK = 2048;
    private static final float[] ZEROS = new float[CHUNK];

    /**
     * Adam over [from, to) in chunks copied to heap arrays by bulk transfers: the loop over plain float arrays has no
     * per-entry buffer checks and vectorises (the same float operations in the same order, so the same values).
     * With {@code o} (only with {@code w}), the gradient of an entry is {@code g + o} and both are set to zero.
     */
    private static void chunks(FloatBuffer g, FloatBuffer o, FloatBuffer s, FloatBuffer w, int len, int from, int to,
                               float a, float fb1, float fb2, float eps) {
        float[] gc = new float[CHUNK];
        float[] oc = o == null ? null : new float[CHUNK];
        float[] mc = new float[CHUNK];
        float[] vc = new float[CHUNK];
        float[] wc = w == null ? null : new float[CHUNK];
        for (int base = from; base < to; base += CHUNK) {
            int k = Math.min(CHUNK, to - base);
            g.get(base, gc, 0, k);
            s.get(base, mc, 0, k);
            s.get(len + base, vc, 0, k);
            if (wc == null) {
                for (int i = 0; i < k; i++) {
                    float gi = gc[i];
                    float m = fb1 * mc[i] + (1 - fb1) * gi;
                    float v = fb2 * vc[i] + (1 - fb2) * gi * gi;
                    mc[i] = m;
                    vc[i] = v;
                    gc[i] = a * m / ((float) Math.sqrt(v) + eps);
                }
                g.put(base, gc, 0, k);
            } else if (oc == null) {
                w.get(base, wc, 0, k);
                for (int i = 0; i < k; i++) {
                    float gi = gc[i];
                    float m = fb1 * mc[i] + (1 - fb1) * gi;
                    float v = fb2 * vc[i] + (1 - fb2) * gi * gi;
                    mc[i] = m;
                    vc[i] = v;
                    wc[i] = wc[i] - a * m / ((float) Math.sqrt(v) + eps);
                }
                w.put(base, wc, 0, k);
                g.put(base, ZEROS, 0, k);
            } else {
                // the loop above with the replica's gradient added in: adding it in a loop of its own first (one Adam
                // loop for both cases) made the benchmark VAE 3-8 % slower in paired runs (0.97 / 0.92 / 0.94)
                w.get(base, wc, 0, k);
                o.get(base, oc, 0, k);
                for (int i = 0; i < k; i++) {
                    float gi = gc[i] + oc[i]; // the addition of HalfBatch.addInto
                    float m = fb1 * mc[i] + (1 - fb1) * gi;
                    float v = fb2 * vc[i] + (1 - fb2) * gi * gi;
                    mc[i] = m;
                    vc[i] = v;
                    wc[i] = wc[i] - a * m / ((float) Math.sqrt(v) + eps);
                }
                w.put(base, wc, 0, k);
                g.put(base, ZEROS, 0, k);
                o.put(base, ZEROS, 0, k);
            }
            s.put(base, mc, 0, k);
            s.put(len + base, vc, 0, k);
        }
    }
}
