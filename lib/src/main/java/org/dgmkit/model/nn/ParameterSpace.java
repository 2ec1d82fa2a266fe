package org.dgmkit.model.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All parameters of one model in ONE flat buffer, their gradients in a second flat buffer of the same
 * layout, and non-trained state (batch-norm running statistics) in a third. Modules {@link #reserve}
 * named blocks while they are built; {@link #allocate} then creates the buffers, hands every block
 * its views and initialises the values. An optimiser updates the whole model with one call on
 * {@link #values()} / {@link #gradients()}.
 *
 * <p>Gradients <em>accumulate</em>: modules add into their gradient views (gemm with beta = 1), so
 * call {@link #zeroGradients()} before every backward pass.
 */
public final class ParameterSpace {

    /** How a block is initialised. */
    public sealed interface Init permits Constant, Weights { }

    /** Every entry set to {@code value}. */
    public record Constant(double value) implements Init { }

    /** DL4J's weight initialisation scheme with the given fan-in and fan-out. */
    public record Weights(WeightInit scheme, long fanIn, long fanOut) implements Init { }

    /** One named block: a view into the value buffer and one into the gradient buffer. */
    public static final class Block {
        private final String name;
        private final long[] shape;
        private final long offset;
        private final Init init;
        private final boolean trainable;
        private INDArray value;
        private INDArray gradient;
        private Elements valueElements;
        private Elements gradientElements;

        private Block(String name, long[] shape, long offset, Init init, boolean trainable) {
            this.name = name;
            this.shape = shape;
            this.offset = offset;
            this.init = init;
            this.trainable = trainable;
        }

        /** Unique name, e.g. {@code "enc0.W"}. */
        public String name() {
            return name;
        }

        /** Shape of the block. */
        public long[] shape() {
            return shape.clone();
        }

        /** Number of entries. */
        public long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        /** Offset in its flat buffer. */
        public long offset() {
            return offset;
        }

        /** False for state that is saved but not trained (running statistics). */
        public boolean trainable() {
            return trainable;
        }

        /** View of the values (c order); valid after {@link ParameterSpace#allocate}. */
        public INDArray value() {
            if (value == null) {
                throw new IllegalStateException("parameter block '" + name + "' used before ParameterSpace.allocate()");
            }
            return value;
        }

        /** View of the gradient (c order); null for non-trainable state. */
        public INDArray gradient() {
            if (value == null) {
                throw new IllegalStateException("parameter block '" + name + "' used before ParameterSpace.allocate()");
            }
            return gradient;
        }

        /** {@link Elements} of {@link #value()} (made once), for the fused passes. */
        public Elements valueElements() {
            if (valueElements == null) {
                valueElements = Elements.of(asMatrix(value()));
            }
            return valueElements;
        }

        /** {@link Elements} of {@link #gradient()} (made once); null for non-trainable state. */
        public Elements gradientElements() {
            if (gradientElements == null && gradient() != null) {
                gradientElements = Elements.of(asMatrix(gradient));
            }
            return gradientElements;
        }

        private static INDArray asMatrix(INDArray v) {
            return v.rank() == 2 ? v : v.reshape(1, v.length());
        }
    }

    private final DataType dataType;
    private final Map<String, Block> blocks = new LinkedHashMap<>();
    private long size;
    private long stateSize;
    private INDArray values;
    private INDArray gradients;
    private INDArray state;
    private boolean deferReplicaMerge;
    private INDArray pendingReplicaGradients;

    /** An empty space whose buffers will have the given data type (FLOAT to train, DOUBLE for gradient checks). */
    public ParameterSpace(DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("parameter data type must be FLOAT or DOUBLE, got " + dataType);
        }
        this.dataType = dataType;
    }

    /** Data type of every buffer. */
    public DataType dataType() {
        return dataType;
    }

    /** Reserves a trainable block; its views are valid after {@link #allocate}. */
    public Block reserve(String name, Init init, long... shape) {
        return add(name, init, true, shape);
    }

    /** Reserves a non-trainable state block (saved with the model, never updated by the optimiser). */
    public Block reserveState(String name, Init init, long... shape) {
        return add(name, init, false, shape);
    }

    private Block add(String name, Init init, boolean trainable, long... shape) {
        if (values != null) {
            throw new IllegalStateException("cannot reserve '" + name + "': ParameterSpace already allocated");
        }
        if (blocks.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter block name '" + name + "'");
        }
        for (long s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("parameter block '" + name + "' needs positive sizes, got "
                        + java.util.Arrays.toString(shape));
            }
        }
        Block b = new Block(name, shape.clone(), trainable ? size : stateSize, init, trainable);
        if (trainable) {
            size += b.length();
        } else {
            stateSize += b.length();
        }
        blocks.put(name, b);
        return b;
    }

    /**
     * Creates the flat buffers, binds every block's views and initialises the values. Seeds ND4J's
     * global random generator with {@code seed} first so that the same seed gives the same weights.
     */
    public ParameterSpace allocate(long seed) {
        if (values != null) {
            throw new IllegalStateException("ParameterSpace already allocated");
        }
        if (size == 0) {
            throw new IllegalStateException("ParameterSpace has no trainable parameters");
        }
        values = Nd4j.create(dataType, 1, size);
        gradients = Nd4j.create(dataType, 1, size);
        state = Nd4j.create(dataType, 1, Math.max(1, stateSize));
        Nd4j.getRandom().setSeed(seed);
        for (Block b : blocks.values()) {
            INDArray flat = b.trainable ? values : state;
            b.value = view(flat, b);
            if (b.trainable) {
                b.gradient = view(gradients, b);
            }
            initialise(b);
        }
        return this;
    }

    /**
     * Binds this space's blocks to the values and the state of {@code primary} (which must have the same blocks in the
     * same order) with a gradient buffer of its own, zero: a replica of a model that works on the same parameters
     * (the second half of a {@link HalfBatch} step). Initialises nothing and draws no random numbers.
     */
    public ParameterSpace allocateSharing(ParameterSpace primary) {
        if (values != null) {
            throw new IllegalStateException("ParameterSpace already allocated");
        }
        primary.requireAllocated();
        if (primary.dataType != dataType || primary.size != size || primary.stateSize != stateSize
                || !primary.blocks.keySet().equals(blocks.keySet())) {
            throw new IllegalArgumentException("a shared parameter space needs the same blocks: " + size + " vs "
                    + primary.size + " parameters");
        }
        values = primary.values;
        state = primary.state;
        gradients = Nd4j.create(dataType, 1, size);
        for (Block b : blocks.values()) {
            Block p = primary.blocks.get(b.name);
            if (p.offset != b.offset || !java.util.Arrays.equals(p.shape, b.shape) || p.trainable != b.trainable) {
                throw new IllegalArgumentException("a shared parameter space needs the same layout; block '" + b.name
                        + "' differs");
            }
            b.value = view(b.trainable ? values : state, b);
            if (b.trainable) {
                b.gradient = view(gradients, b);
            }
        }
        return this;
    }

    private static INDArray view(INDArray flat, Block b) {
        INDArray v = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(b.offset, b.offset + b.length()));
        return v.reshape('c', b.shape);
    }

    private void initialise(Block b) {
        if (b.init instanceof Constant c) {
            b.value.assign(c.value());
        } else if (b.init instanceof Weights w) {
            // DL4J's initialisers write into the view they are given, in the order given
            w.scheme().getWeightInitFunction().init(w.fanIn(), w.fanOut(), b.shape, 'c', b.value);
        }
    }

    /** True once {@link #allocate} ran. */
    public boolean allocated() {
        return values != null;
    }

    /** Number of trainable parameters. */
    public long size() {
        return size;
    }

    /** Number of state entries. */
    public long stateSize() {
        return stateSize;
    }

    /** Flat values, shape [1, size()]. */
    public INDArray values() {
        requireAllocated();
        return values;
    }

    /**
     * Flat gradients, shape [1, size()], same layout as {@link #values()}. While a replica's share is pending
     * ({@link #deferReplicaMerge}) this holds only this space's share: call {@link #settleGradients()} before
     * reading it.
     */
    public INDArray gradients() {
        requireAllocated();
        return gradients;
    }

    /**
     * Adds the gradient buffer of {@code replica} (a space made by {@link #allocateSharing} from this one: the second
     * half of a {@link HalfBatch} step) into this space's and zeroes it, as {@link HalfBatch#addInto} does; the models'
     * split steps call this once their halves are done. With {@link #deferReplicaMerge} on, it only records the
     * replica's buffer as pending instead, for the optimiser to add in its own pass
     * ({@link #takePendingReplicaGradients}).
     * At most one buffer is pending: a second call while one is pending merges the first now (so gradients still add
     * up when a step calls this twice before the update, in a different order of float additions than without
     * deferral), then records the new one.
     */
    public void addReplicaGradients(ParameterSpace replica) {
        requireAllocated();
        INDArray other = replica.gradients();
        if (replica.values != values || other == gradients) {
            throw new IllegalArgumentException("addReplicaGradients needs a replica of this space (allocateSharing)");
        }
        if (other.length() != gradients.length() || other.dataType() != gradients.dataType()) {
            throw new IllegalArgumentException("replica gradients differ: " + other.length() + " " + other.dataType()
                    + " vs " + gradients.length() + " " + gradients.dataType());
        }
        if (!deferReplicaMerge) {
            HalfBatch.addInto(gradients, other);
            return;
        }
        settleGradients();
        pendingReplicaGradients = other;
    }

    /**
     * Turns the deferred replica merge on or off (default off). Why: merging the halves' gradients and the Adam step
     * are two memory-bound passes over the same buffers (on the benchmark VAE's 1.4 M parameters about 0.4 + 1.5 ms per
     * step); with the merge deferred, the optimiser adds the replica's share inside its own pass (one pass instead of
     * two, the same float additions, so the same values bit for bit). Only for a caller that passes
     * {@link #takePendingReplicaGradients} to the update right after the step, and that calls {@link #settleGradients}
     * before anything else reads {@link #gradients()} (the trainer's gradient norm); everyone else keeps it off and
     * sees merged gradients. Turning it off merges nothing: a pending buffer stays pending until settled or taken.
     */
    public void deferReplicaMerge(boolean on) {
        deferReplicaMerge = on;
    }

    /** True while {@link #deferReplicaMerge} is on. */
    public boolean defersReplicaMerge() {
        return deferReplicaMerge;
    }

    /**
     * Merges a pending replica buffer into {@link #gradients()} now (and zeroes it), so the gradients are complete;
     * nothing when none is pending.
     */
    public void settleGradients() {
        INDArray p = pendingReplicaGradients;
        if (p != null) {
            pendingReplicaGradients = null;
            HalfBatch.addInto(gradients, p);
        }
    }

    /**
     * The pending replica gradient buffer (see {@link #deferReplicaMerge}), no longer pending, or null when none is:
     * the caller must add it into {@link #gradients()} and zero it, as
     * {@code FlatAdam.update(values, gradients, pending, iteration, epoch)} does in its one pass.
     */
    public INDArray takePendingReplicaGradients() {
        INDArray p = pendingReplicaGradients;
        pendingReplicaGradients = null;
        return p;
    }

    /** Flat non-trained state, shape [1, max(1, stateSize())]. */
    public INDArray state() {
        requireAllocated();
        return state;
    }

    /** Sets every gradient to zero (modules accumulate into them), a pending replica's share too (no longer pending). */
    public void zeroGradients() {
        requireAllocated();
        gradients.assign(0.0);
        INDArray p = takePendingReplicaGradients();
        if (p != null) {
            p.assign(0.0);
        }
    }

    /** The block with this name. */
    public Block block(String name) {
        Block b = blocks.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no parameter block '" + name + "'; blocks: " + blocks.keySet());
        }
        return b;
    }

    /** All blocks in layout order. */
    public List<Block> blocks() {
        return Collections.unmodifiableList(new ArrayList<>(blocks.values()));
    }

    /** A one-line-per-block summary: name, shape, offset. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks.values()) {
            sb.append(String.format("%-20s %-14s %s%n", b.name, java.util.Arrays.toString(b.shape),
                    b.trainable ? "@" + b.offset : "state@" + b.offset));
        }
        sb.append("total ").append(size).append(" parameters, ").append(stateSize).append(" state entries");
        return sb.toString();
    }

    private void requireAllocated() {
        if (values == null) {
            throw new IllegalStateException("ParameterSpace not allocated yet: call allocate(seed)");
        }
    }
}
