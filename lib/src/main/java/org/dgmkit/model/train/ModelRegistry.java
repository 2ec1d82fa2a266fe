package org.dgmkit.model.train;

import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Rebuilds models from their type name and JSON configuration (for checkpoints). The kit's models come from the
 * {@link ModelTypeProvider}s on the class path (org.dgmkit.model.catalog.CheckpointTypes); a model defined
 * elsewhere, e.g. in a notebook, calls {@link #register} once.
 */
public final class ModelRegistry {
    private static Map<String, Function<JsonObject, TrainableModel>> factories;

    private ModelRegistry() {
    }

    private static Map<String, Function<JsonObject, TrainableModel>> factories() {
        if (factories == null) {
            factories = new TreeMap<>();
            // this class's own loader sees the library jar's service file, under JShell's loaders as well
            for (ModelTypeProvider p : ServiceLoader.load(ModelTypeProvider.class, ModelRegistry.class.getClassLoader())) {
                factories.putAll(p.modelTypes());
            }
        }
        return factories;
    }

    /** Registers (or replaces) the factory for {@code type}. */
    public static synchronized void register(String type, Function<JsonObject, TrainableModel> factory) {
        factories().put(type, factory);
    }

    /** The registered type names, sorted. */
    public static synchronized Set<String> types() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(factories().keySet()));
    }

    /** A fresh (untrained) model of {@code type} built from {@code config}. */
    public static synchronized TrainableModel create(String type, JsonObject config) {
        Function<JsonObject, TrainableModel> f = factories().get(type);
        if (f == null) {
            throw new IllegalArgumentException("unknown model type '" + type + "'; registered: "
                    + factories().keySet());
        }
        return f.apply(config);
    }
}
