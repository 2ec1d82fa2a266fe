package org.dgmkit.data.nab;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A NAB application profile: the cost-matrix weights of {@code config/profiles.json} (tn is read but unused, as
 * in NAB).
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight, double tnWeight) {

    /** NAB's standard profile (tp 1, fp 0.11, fn 1). */
    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0, 1.0);
    /** NAB's profile rewarding a low false-positive rate (fp 0.22). */
    public static final NabProfile REWARD_LOW_FP_RATE = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0, 1.0);
    /** NAB's profile rewarding a low false-negative rate (fn 2). */
    public static final NabProfile REWARD_LOW_FN_RATE = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0, 1.0);

    /** Reads every profile of a {@code profiles.json}, in file order. */
    public static Map<String, NabProfile> readAll(Path file) {
        Map<String, NabProfile> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : NabLabels.readObject(file).entrySet()) {
            String name = e.getKey();
            JsonElement cm = e.getValue().isJsonObject() ? e.getValue().getAsJsonObject().get("CostMatrix") : null;
            if (cm == null || !cm.isJsonObject()) {
                throw new NabFormatException(file + ": profile '" + name + "': expected an object with 'CostMatrix'");
            }
            JsonObject m = cm.getAsJsonObject();
            out.put(name, new NabProfile(name, weight(file, name, m, "tpWeight"), weight(file, name, m, "fpWeight"),
                    weight(file, name, m, "fnWeight"), m.has("tnWeight") ? weight(file, name, m, "tnWeight") : 1.0));
        }
        if (out.isEmpty()) {
            throw new NabFormatException(file + ": no profiles; expected e.g. 'standard'");
        }
        return out;
    }

    private static double weight(Path file, String profile, JsonObject m, String key) {
        JsonElement w = m.get(key);
        if (w == null || !w.isJsonPrimitive() || !w.getAsJsonPrimitive().isNumber()) {
            throw new NabFormatException(file + ": profile '" + profile + "': expected a number '" + key + "'");
        }
        return w.getAsDouble();
    }
}
