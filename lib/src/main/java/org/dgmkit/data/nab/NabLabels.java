package org.dgmkit.data.nab;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's label files: {@code labels/combined_windows.json} (file name to a list of [start, end] timestamp
 * pairs, e.g. {@code "2014-04-11 00:00:00.000000"}) and {@code labels/combined_labels.json} (file name to a list of
 * anomaly timestamps).
 */
public final class NabLabels {
    private NabLabels() {
    }

    /** Window limits per file name, each as {start, end}, in file order. */
    public static Map<String, List<LocalDateTime[]>> readWindows(Path file) {
        Map<String, List<LocalDateTime[]>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : readObject(file).entrySet()) {
            String name = e.getKey();
            List<LocalDateTime[]> windows = new ArrayList<>();
            JsonArray list = array(file, name, e.getValue(), "a list of [start, end] pairs");
            for (int k = 0; k < list.size(); k++) {
                String where = name + "[" + k + "]";
                JsonArray pair = array(file, where, list.get(k), "a [start, end] pair of timestamps");
                if (pair.size() != 2) {
                    throw new NabFormatException(file + ": " + where + ": expected a [start, end] pair, found "
                            + pair.size() + " elements");
                }
                LocalDateTime start = timestamp(file, where + "[0]", pair.get(0));
                LocalDateTime end = timestamp(file, where + "[1]", pair.get(1));
                if (end.isBefore(start)) {
                    throw new NabFormatException(file + ": " + where + ": window ends (" + end
                            + ") before it starts (" + start + ")");
                }
                if (!windows.isEmpty() && !start.isAfter(windows.get(windows.size() - 1)[1])) {
                    throw new NabFormatException(file + ": " + where
                            + ": expected windows sorted and not overlapping the previous one");
                }
                windows.add(new LocalDateTime[] {start, end});
            }
            out.put(name, windows);
        }
        return out;
    }

    /** Anomaly label timestamps per file name. */
    public static Map<String, List<LocalDateTime>> readLabels(Path file) {
        Map<String, List<LocalDateTime>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : readObject(file).entrySet()) {
            JsonArray list = array(file, e.getKey(), e.getValue(), "a list of timestamps");
            List<LocalDateTime> times = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) {
                times.add(timestamp(file, e.getKey() + "[" + k + "]", list.get(k)));
            }
            out.put(e.getKey(), times);
        }
        return out;
    }

    static JsonObject readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NabFormatException(file + ": missing; expected a NAB JSON file");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = new JsonParser().parse(in);
            if (!root.isJsonObject()) {
                throw new NabFormatException(file + ": expected a JSON object at the top level");
            }
            return root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new NabFormatException(file + ": not valid JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NabFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonArray array(Path file, String where, JsonElement e, String expected) {
        if (e == null || !e.isJsonArray()) {
            throw new NabFormatException(file + ": " + where + ": expected " + expected + ", found " + e);
        }
        return e.getAsJsonArray();
    }

    private static LocalDateTime timestamp(Path file, String where, JsonElement e) {
        LocalDateTime t = null;
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            t = NabTimestamps.parseLabel(e.getAsString());
        }
        if (t == null) {
            throw new NabFormatException(file + ": " + where
                    + ": expected a timestamp 'yyyy-MM-dd HH:mm:ss[.ffffff]', found " + e);
        }
        return t;
    }
}
