package org.dgmkit.model.adgm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Small JSON and validation helpers shared by the configuration records of this package. */
final class ConfigJson {
    private ConfigJson() {
    }

    static JsonArray array(List<Integer> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    static List<Integer> list(JsonObject o, String key) {
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(key)) {
            out.add(e.getAsInt());
        }
        return out;
    }

    static List<Integer> checkSizes(String owner, String what, List<Integer> sizes, int min, int max) {
        if (sizes == null || sizes.size() < min || sizes.size() > max) {
            throw new IllegalArgumentException(owner + ": " + what + " needs " + (min == max ? "" + min : min + " to " + max)
                    + " entries, got " + sizes);
        }
        for (Integer s : sizes) {
            if (s == null || s <= 0) {
                throw new IllegalArgumentException(owner + ": " + what + " must all be positive, got " + sizes);
            }
        }
        return List.copyOf(sizes);
    }

    static void require(String owner, boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + message);
        }
    }
}
