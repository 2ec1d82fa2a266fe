package org.dgmkit.model.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dgmkit.model.nn.ParameterSpace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-file checkpoints (a zip): {@code checkpoint.json} (format, model type and configuration, trainer
 * configuration, counters, history) and ND4J binary arrays {@code params.bin}, {@code state.bin},
 * {@code updater.bin} (Adam moments) and, with early stopping, {@code best-params.bin} / {@code best-state.bin}.
 * Files are written to a temporary name and moved into place, so a crash never leaves half a checkpoint.
 */
public final class Checkpoint {
    static final String FORMAT = "dgmkit-checkpoint";
    static final int VERSION = 1;

    private Checkpoint() {
    }

    /** The JSON part of a checkpoint. */
    public record Header(Path file, String modelType, JsonObject modelConfig, JsonObject trainerConfig,
                         JsonObject counters, JsonObject json) {

        /** Null when {@code model} and {@code config} match this checkpoint, else the reason they do not. */
        public String mismatch(TrainableModel model, TrainerConfig config) {
            if (!modelType.equals(model.modelType())) {
                return "model type " + modelType + " vs " + model.modelType();
            }
            if (!modelConfig.equals(model.configJson())) {
                return "model configuration differs: saved " + modelConfig + ", wanted " + model.configJson();
            }
            TrainerConfig saved = TrainerConfig.fromJson(trainerConfig);
            if (!saved.identityJson().equals(config.identityJson())) {
                return "trainer configuration differs: saved " + saved.identityJson() + ", wanted "
                        + config.identityJson();
            }
            return null;
        }
    }

    static void write(Path path, Trainer t) {
        TrainableModel m = t.model();
        ParameterSpace ps = m.parameters();
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        root.addProperty("modelType", m.modelType());
        root.add("modelConfig", m.configJson());
        root.add("trainerConfig", t.config().toJson());
        root.add("counters", t.countersJson());
        root.addProperty("parameters", ps.size());
        root.addProperty("dataType", ps.dataType().name());
        root.add("history", t.history().toJson());
        if (t.extras().size() > 0) {
            root.add("extras", t.extras().deepCopy());
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry("checkpoint.json"));
                zip.write(new GsonBuilder().setPrettyPrinting().create().toJson(root).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                putArray(zip, "params.bin", ps.values());
                putArray(zip, "state.bin", ps.state());
                putArray(zip, "updater.bin", t.updaterState());
                if (t.bestValues() != null) {
                    putArray(zip, "best-params.bin", t.bestValues());
                    putArray(zip, "best-state.bin", t.bestState());
                }
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CheckpointException(path, "cannot write: " + e, e);
        }
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray a) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream dos = new DataOutputStream(bytes)) {
            Nd4j.write(a, dos);
        }
        bytes.writeTo(zip);
        zip.closeEntry();
    }

    /** Reads only the JSON header of a checkpoint (cheap), failing clearly on unreadable files. */
    public static Header header(Path path) {
        try (ZipFile zip = open(path)) {
            return header(path, zip);
        } catch (IOException e) {
            throw new CheckpointException(path, "cannot read: " + e, e);
        }
    }

    private static ZipFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CheckpointException(path, "no such file", null);
        }
        try {
            return new ZipFile(path.toFile());
        } catch (IOException e) {
            throw new CheckpointException(path, "not a readable checkpoint zip (corrupt or truncated?): " + e, e);
        }
    }

    private static Header header(Path path, ZipFile zip) {
        byte[] bytes = entry(path, zip, "checkpoint.json");
        JsonObject root;
        try {
            root = new JsonParser().parse(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new CheckpointException(path, "checkpoint.json is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
            throw new CheckpointException(path, "not a " + FORMAT + " file", null);
        }
        if (root.get("version").getAsInt() != VERSION) {
            throw new CheckpointException(path, "unsupported version " + root.get("version") + " (expected "
                    + VERSION + ")", null);
        }
        return new Header(path, root.get("modelType").getAsString(), root.getAsJsonObject("modelConfig"),
                root.getAsJsonObject("trainerConfig"), root.getAsJsonObject("counters"), root);
    }

    private static byte[] entry(Path path, ZipFile zip, String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new CheckpointException(path, "missing entry " + name + " (corrupt or truncated?)", null);
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readAllBytes();
            // ZipFile does not verify checksums itself
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw new CheckpointException(path, "entry " + name + " fails its CRC check (corrupt file)", null);
            }
            return bytes;
        } catch (IOException ex) {
            throw new CheckpointException(path, "entry " + name + " is corrupt: " + ex, ex);
        }
    }

    private static INDArray array(Path path, ZipFile zip, String name, long expectedLength) {
        byte[] bytes = entry(path, zip, name);
        INDArray a;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            a = Nd4j.read(in);
        } catch (IOException | RuntimeException ex) {
            throw new CheckpointException(path, "entry " + name + " is not a readable ND4J array: " + ex, ex);
        }
        if (a.length() != expectedLength) {
            throw new CheckpointException(path, "entry " + name + " has " + a.length() + " values, the model needs "
                    + expectedLength, null);
        }
        return a;
    }

    /**
     * Rebuilds the model and trainer from {@code path}. With {@code config} non-null the trainer uses it
     * (e.g. more epochs) instead of the saved one.
     */
    static Trainer read(Path path, TrainerConfig config) {
        try (ZipFile zip = open(path)) {
            Header h = header(path, zip);
            TrainableModel model;
            TrainerConfig tc;
            try {
                model = ModelRegistry.create(h.modelType(), h.modelConfig());
                tc = config != null ? config : TrainerConfig.fromJson(h.trainerConfig());
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(path, e.getMessage(), e);
            }
            ParameterSpace ps = model.parameters();
            Trainer t = new Trainer(model, tc);
            ps.values().assign(array(path, zip, "params.bin", ps.size()));
            ps.state().assign(array(path, zip, "state.bin", ps.state().length()));
            t.updaterState().assign(array(path, zip, "updater.bin", t.updaterState().length()));
            if (zip.getEntry("best-params.bin") != null) {
                t.restoreBest(array(path, zip, "best-params.bin", ps.size()).castTo(ps.dataType()),
                        array(path, zip, "best-state.bin", ps.state().length()).castTo(ps.dataType()));
            }
            TrainingHistory history;
            try {
                history = TrainingHistory.fromJson(h.json().getAsJsonArray("history"));
                t.restoreCounters(h.counters(), history);
                t.restoreExtras(h.json().has("extras") ? h.json().getAsJsonObject("extras") : null);
            } catch (RuntimeException e) {
                throw new CheckpointException(path, "malformed counters or history: " + e, e);
            }
            return t;
        } catch (IOException e) {
            throw new CheckpointException(path, "cannot read: " + e, e);
        }
    }
}
