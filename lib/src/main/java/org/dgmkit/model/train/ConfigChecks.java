package org.dgmkit.model.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Validation and JSON helpers for the model configuration records, so every configuration fails with the same
 * kind of message: {@code "<Config>: <field> <what was expected>, got <value>"}, thrown as an
 * {@link IllegalArgumentException}.
 */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    /** Fails with {@code "owner: message"} unless {@code ok}. */
    public static void require(String owner, boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + message);
        }
    }

    /** {@code value > 0}. */
    public static void positive(String owner, String field, long value) {
        require(owner, value > 0, field + " must be positive, got " + value);
    }

    /** {@code value >= min}. */
    public static void atLeast(String owner, String field, long value, long min) {
        require(owner, value >= min, field + " must be at least " + min + ", got " + value);
    }

    /** A finite value. */
    public static void finite(String owner, String field, double value) {
        require(owner, Double.isFinite(value), field + " must be finite, got " + value);
    }

    /** A finite value {@code >= 0}. */
    public static void nonNegative(String owner, String field, double value) {
        require(owner, Double.isFinite(value) && value >= 0, field + " must be finite and >= 0, got " + value);
    }

    /** None of {@code values} is null; {@code fields} names them for the message ("a, b and c"). */
    public static void set(String owner, String fields, Object... values) {
        for (Object v : values) {
            require(owner, v != null, fields + " must be set");
        }
    }

    /** FLOAT or DOUBLE (the data types the modules support). */
    public static void floatingPoint(String owner, DataType dataType) {
        require(owner, dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
                "dataType must be FLOAT or DOUBLE, got " + dataType);
    }

    /**
     * Layer sizes: between {@code min} and {@code max} entries, all positive; returns an immutable copy.
     * Use {@code Integer.MAX_VALUE} for no upper bound.
     */
    public static List<Integer> sizes(String owner, String field, List<Integer> sizes, int min, int max) {
        require(owner, sizes != null && sizes.size() >= min && sizes.size() <= max,
                field + " needs " + count(min, max) + ", got " + sizes);
        for (Integer s : sizes) {
            require(owner, s != null && s > 0, field + " must all be positive, got " + sizes);
        }
        return List.copyOf(sizes);
    }

    private static String count(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return "at least " + min + (min == 1 ? " entry" : " entries");
        }
        return min == max ? "exactly " + min + (min == 1 ? " entry" : " entries")
                : (max == min + 1 ? min + " or " + max : min + " to " + max) + " entries";
    }

    /** The JSON array of {@code values}. */
    public static JsonArray array(List<Integer> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** The integer array {@code key} of {@code o}. */
    public static List<Integer> list(JsonObject o, String key) {
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(key)) {
            out.add(e.getAsInt());
        }
        return out;
    }

    /**
     * Runs a configuration's JSON parser, turning a missing or mistyped field into
     * {@code IllegalArgumentException("malformed <owner> JSON: ...")}.
     */
    public static <T> T parse(String owner, JsonObject o, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException | ClassCastException
                 | NumberFormatException e) {
            throw new IllegalArgumentException("malformed " + owner + " JSON: " + o, e);
        }
    }
}
