package org.dgmkit.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dgmkit.cli.KitException;

/**
 * A Jupyter notebook (nbformat 4) as its JSON tree, so fields the runner does not know survive a round trip. Cell
 * sources and stream texts follow Jupyter's convention: a string or a list of lines that are concatenated.
 */
public final class Notebook {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private final JsonObject json;

    private Notebook(JsonObject json) {
        this.json = json;
    }

    /** Reads a notebook; fails naming the file if it is not nbformat 4 JSON. */
    public static Notebook read(Path file) {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new JsonParser().parse(reader);
        } catch (IOException e) {
            throw new KitException("cannot read notebook " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new KitException("notebook " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")
                || !root.getAsJsonObject().get("cells").isJsonArray()) {
            throw new KitException("notebook " + file + " has no \"cells\" list (expected nbformat 4)");
        }
        JsonElement format = root.getAsJsonObject().get("nbformat");
        if (format != null && format.isJsonPrimitive() && format.getAsInt() != 4) {
            throw new KitException("notebook " + file + " is nbformat " + format.getAsInt() + ", expected 4");
        }
        return new Notebook(root.getAsJsonObject());
    }

    /** A notebook from its JSON text (tests, temp copies). */
    public static Notebook parse(String text) {
        return new Notebook(new JsonParser().parse(text).getAsJsonObject());
    }

    /** Writes the notebook atomically (a reader never sees half a file), creating folders as needed. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                GSON.toJson(json, writer);
                writer.write('\n');
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KitException("cannot write notebook " + file + ": " + e.getMessage(), e);
        }
    }

    /** The notebook's JSON text. */
    public String toJson() {
        return GSON.toJson(json);
    }

    /** A deep copy. */
    public Notebook copy() {
        return new Notebook(json.deepCopy());
    }

    /** The cells, live (changes write through). */
    public JsonArray cells() {
        return json.getAsJsonArray("cells");
    }

    /** The notebook metadata object, created if missing. */
    public JsonObject metadata() {
        return object(json, "metadata");
    }

    /** The cell at {@code index} (0-based). */
    public JsonObject cell(int index) {
        return cells().get(index).getAsJsonObject();
    }

    /** Number of cells. */
    public int size() {
        return cells().size();
    }

    /** Inserts a cell at {@code index}. */
    public void insert(int index, JsonObject cell) {
        List<JsonElement> all = new ArrayList<>();
        cells().forEach(all::add);
        all.add(index, cell);
        JsonArray rebuilt = new JsonArray();
        all.forEach(rebuilt::add);
        json.add("cells", rebuilt);
    }

    /** Removes the cell at {@code index}. */
    public void remove(int index) {
        cells().remove(index);
    }

    /** Whether cells carry ids (nbformat 4.5+), so new cells must too. */
    public boolean usesCellIds() {
        JsonElement minor = json.get("nbformat_minor");
        if (minor != null && minor.isJsonPrimitive() && minor.getAsInt() >= 5) {
            return true;
        }
        for (JsonElement cell : cells()) {
            if (cell.getAsJsonObject().has("id")) {
                return true;
            }
        }
        return false;
    }

    /** "code", "markdown" or "raw". */
    public static String type(JsonObject cell) {
        JsonElement type = cell.get("cell_type");
        return type == null ? "" : type.getAsString();
    }

    /** A cell's source as one string. */
    public static String source(JsonObject cell) {
        return text(cell.get("source"));
    }

    /** Jupyter's multiline text (string or list of strings) as one string. */
    public static String text(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "";
        }
        if (element.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            element.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            return text.toString();
        }
        return element.getAsString();
    }

    /** Text as Jupyter stores it: a list of lines, each but the last keeping its newline. */
    public static JsonArray lines(String text) {
        JsonArray lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(new JsonPrimitive(text.substring(start, i + 1)));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(new JsonPrimitive(text.substring(start)));
        }
        return lines;
    }

    /** The cell's metadata tags. */
    public static List<String> tags(JsonObject cell) {
        List<String> tags = new ArrayList<>();
        JsonElement metadata = cell.get("metadata");
        if (metadata != null && metadata.isJsonObject()) {
            JsonElement list = metadata.getAsJsonObject().get("tags");
            if (list != null && list.isJsonArray()) {
                list.getAsJsonArray().forEach(tag -> tags.add(tag.getAsString()));
            }
        }
        return tags;
    }

    /** A new code cell with the given source and tags (and an id when {@code withId}). */
    public static JsonObject codeCell(String source, List<String> tags, boolean withId) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.add("execution_count", null);
        if (withId) {
            cell.addProperty("id", UUID.randomUUID().toString().substring(0, 8));
        }
        JsonObject metadata = new JsonObject();
        JsonArray tagList = new JsonArray();
        tags.forEach(tagList::add);
        metadata.add("tags", tagList);
        cell.add("metadata", metadata);
        cell.add("outputs", new JsonArray());
        cell.add("source", lines(source));
        return cell;
    }

    /** The child object {@code name} of {@code parent}, created if missing. */
    public static JsonObject object(JsonObject parent, String name) {
        JsonElement child = parent.get(name);
        if (child == null || !child.isJsonObject()) {
            JsonObject created = new JsonObject();
            parent.add(name, created);
            return created;
        }
        return child.getAsJsonObject();
    }
}
