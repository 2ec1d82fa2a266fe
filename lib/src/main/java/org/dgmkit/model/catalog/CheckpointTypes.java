package org.dgmkit.model.catalog;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.dgmkit.model.adgm.Adgm;
import org.dgmkit.model.adgm.AdgmConfig;
import org.dgmkit.model.adgm.AuxiliaryVae;
import org.dgmkit.model.adgm.AuxiliaryVaeConfig;
import org.dgmkit.model.lvae.Lvae;
import org.dgmkit.model.lvae.LvaeConfig;
import org.dgmkit.model.train.ModelTypeProvider;
import org.dgmkit.model.train.TrainableModel;
import org.dgmkit.model.vae.Vae;
import org.dgmkit.model.vae.VaeConfig;

/** The kit's model types for {@link org.dgmkit.model.train.ModelRegistry} (a {@link java.util.ServiceLoader} provider). */
public final class CheckpointTypes implements ModelTypeProvider {

    @Override
    public Map<String, Function<JsonObject, TrainableModel>> modelTypes() {
        Map<String, Function<JsonObject, TrainableModel>> types = new LinkedHashMap<>();
        types.put(Vae.TYPE, json -> new Vae(VaeConfig.fromJson(json)));
        types.put(AuxiliaryVae.TYPE, json -> new AuxiliaryVae(AuxiliaryVaeConfig.fromJson(json)));
        types.put(Adgm.TYPE, json -> new Adgm(AdgmConfig.fromJson(json)));
        types.put(Lvae.TYPE, json -> new Lvae(LvaeConfig.fromJson(json)));
        return types;
    }
}
