package org.dgmkit.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cell's outputs in the order they happened, as Jupyter's notebook model keeps them: consecutive writes to the
 * same stream merge into one stream output; display data, the result and an error each add their own output.
 * Thread-safe, since cell code may print from several threads.
 */
final class CellOutputs {
    private final List<Object> outputs = new ArrayList<>(); // StringBuilder-backed streams or finished JsonObjects
    private String lastStream;

    /** Appends text to stdout or stderr. */
    synchronized void stream(String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (name.equals(lastStream)) {
            ((Stream) outputs.get(outputs.size() - 1)).text.append(text);
        } else {
            outputs.add(new Stream(name, new StringBuilder(text)));
            lastStream = name;
        }
    }

    /** Adds a display_data output from the renderer's JSON ({@code data}, {@code metadata}). */
    synchronized void display(String displayJson) {
        add(bundle("display_data", displayJson, null));
    }

    /** Adds the cell's execute_result. */
    synchronized void result(String displayJson, int executionCount) {
        add(bundle("execute_result", displayJson, executionCount));
    }

    /** Adds the cell's error. */
    synchronized void error(CellError error) {
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "error");
        output.addProperty("ename", error.ename());
        output.addProperty("evalue", error.evalue());
        JsonArray traceback = new JsonArray();
        error.traceback().forEach(traceback::add);
        output.add("traceback", traceback);
        add(output);
    }

    /** The outputs as nbformat JSON. */
    synchronized JsonArray toJson() {
        JsonArray array = new JsonArray();
        for (Object output : outputs) {
            if (output instanceof Stream stream) {
                JsonObject json = new JsonObject();
                json.addProperty("output_type", "stream");
                json.addProperty("name", stream.name);
                json.add("text", Notebook.lines(stream.text.toString()));
                array.add(json);
            } else {
                array.add((JsonObject) output);
            }
        }
        return array;
    }

    private void add(JsonObject output) {
        outputs.add(output);
        lastStream = null;
    }

    private static JsonObject bundle(String type, String displayJson, Integer executionCount) {
        JsonObject rendered = new JsonParser().parse(displayJson).getAsJsonObject();
        JsonObject output = new JsonObject();
        output.addProperty("output_type", type);
        if (executionCount != null) {
            output.addProperty("execution_count", executionCount);
        }
        JsonObject data = new JsonObject();
        JsonElement renderedData = rendered.get("data");
        if (renderedData != null && renderedData.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : renderedData.getAsJsonObject().entrySet()) {
                data.add(entry.getKey(), mimeValue(entry.getKey(), entry.getValue()));
            }
        }
        output.add("data", data);
        JsonElement metadata = rendered.get("metadata");
        output.add("metadata", metadata != null && metadata.isJsonObject() ? metadata : new JsonObject());
        return output;
    }

    /** Text types as Jupyter's line lists; JSON types as they are; binary (base64) as one string. */
    private static JsonElement mimeValue(String mime, JsonElement value) {
        boolean textual = mime.startsWith("text/") || mime.equals("application/javascript")
                || mime.equals("image/svg+xml");
        if (textual && value.isJsonPrimitive()) {
            return Notebook.lines(value.getAsString());
        }
        if (!textual && value.isJsonPrimitive() && !mime.endsWith("json")) {
            return new JsonPrimitive(value.getAsString());
        }
        return value;
    }

    private record Stream(String name, StringBuilder text) {
    }
}
