package org.dgmkit.model.train;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.dgmkit.model.adgm.Adgm;
import org.dgmkit.model.adgm.AdgmConfig;
import org.dgmkit.model.adgm.AuxiliaryVae;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;

/**
 * Rebuilds models from their type name and JSON configuration (for checkpoints). The VAE is built in;
 * other models register a factory once, e.g. {@code ModelRegistry.register("adgm", json -> new Adgm(...))}
 * (do it in a static initialiser of the model class or here).
 */
public final class ModelRegistry {
    private static final Map<String, Function<JsonObject, TrainableModel>> FACTORIES = new TreeMap<>();

    static {
        register(Vae.TYPE, json -> new Vae(VaeConfig.fromJson(json)));
        register(AuxiliaryVae.TYPE, json -> new AuxiliaryVae(AuxiliaryVaeConfig.fromJson(json)));
        register(Adgm.TYPE, json -> new Adgm(AdgmConfig.fromJson(json)));
        register(Lvae.TYPE, json -> new Lvae(LvaeConfig.fromJson(json)));
    }

    private ModelRegistry() {
    }

    /** Registers (or replaces) the factory for {@code type}. */
    public static synchronized void register(String type, Function<JsonObject, TrainableModel> factory) {
        FACTORIES.put(type, factory);
    }

    /** A fresh (untrained) model of {@code type} built from {@code config}. */
    public static synchronized TrainableModel create(String type, JsonObject config) {
        Function<JsonObject, TrainableModel> f = FACTORIES.get(type);
        if (f == null) {
            throw new IllegalArgumentException("unknown model type '" + type + "'; registered: " + FACTORIES.keySet());
        }
        return f.apply(config);
    }
}
