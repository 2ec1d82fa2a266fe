package org.dgmkit.model.train;

import com.google.gson.JsonObject;
import java.util.Arrays;
import org.dgmkit.model.nn.ParameterSpace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The accessors every model shares: its configuration, its {@link ParameterSpace}, type name and JSON form, the
 * input width, the check-and-cast of inputs, and the two loss calls of {@link TrainableModel} routed to one
 * {@link #batchLoss} (klWeight 1 and no gradients for validation).
 *
 * @param <C> the configuration record
 */
public abstract class ModelBase<C extends ModelConfig> implements TrainableModel {
    /** The configuration the model was built from. */
    protected final C config;
    /** Parameters, gradients and state of every module, in layout order. */
    protected final ParameterSpace params;
    private final String type;

    /** Starts an empty parameter space of {@code config.dataType()}; the subclass adds its modules and allocates. */
    protected ModelBase(String type, C config) {
        this.type = type;
        this.config = config;
        this.params = new ParameterSpace(config.dataType());
    }

    /** The configuration. */
    public C config() {
        return config;
    }

    @Override
    public ParameterSpace parameters() {
        return params;
    }

    /** Number of input features (columns of x). */
    public long inputSize() {
        return config.inputSize();
    }

    @Override
    public String modelType() {
        return type;
    }

    @Override
    public JsonObject configJson() {
        return config.toJson();
    }

    @Override
    public double lossAndGradients(Batch batch, StepContext ctx) {
        return batchLoss(batch, ctx.klWeight(), true);
    }

    @Override
    public double loss(Batch batch) {
        return batchLoss(batch, 1.0, false);
    }

    /**
     * Loss of {@code batch} averaged over its examples, the latent terms weighted by {@code klWeight}; with
     * {@code withGradients} ADDS its gradient into {@code parameters().gradients()}.
     */
    protected abstract double batchLoss(Batch batch, double klWeight, boolean withGradients);

    /** {@code x} checked for shape [n, inputSize()] and cast to the model's data type. */
    protected INDArray typed(INDArray x) {
        if (x == null || x.rank() != 2 || x.columns() != config.inputSize()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " expects inputs of shape [n, "
                    + config.inputSize() + "] (" + config.inputSize() + " input columns), got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        return x.dataType() == config.dataType() ? x : x.castTo(config.dataType());
    }
}
