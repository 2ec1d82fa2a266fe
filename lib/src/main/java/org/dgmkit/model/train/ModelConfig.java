package org.dgmkit.model.train;

import com.google.gson.JsonObject;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What every model configuration record shares: the input width, the parameters' data type, the seed of the
 * weight initialisation and a JSON form that, with the model's type name, rebuilds an untrained copy.
 */
public interface ModelConfig {

    /** Number of input columns. */
    int inputSize();

    /** FLOAT for training, DOUBLE for gradient checks. */
    DataType dataType();

    /** Seed of the weight initialisation. */
    long seed();

    /** JSON form (checkpoints store it; the layout of existing checkpoints must not change). */
    JsonObject toJson();
}
