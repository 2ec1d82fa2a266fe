package org.dgmkit.model.train;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.function.Function;

/**
 * A source of model types for {@link ModelRegistry}, found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.dgmkit.model.train.ModelTypeProvider}), so that this package never imports the
 * model classes that import it.
 */
public interface ModelTypeProvider {

    /** Checkpoint type name to a factory building an untrained model from its {@link TrainableModel#configJson()}. */
    Map<String, Function<JsonObject, TrainableModel>> modelTypes();
}
