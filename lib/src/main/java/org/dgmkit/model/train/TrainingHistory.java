package org.dgmkit.model.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Per-epoch record of a training run: a Tablesaw table and a loss-curve image for notebooks. */
public final class TrainingHistory {

    /**
     * One epoch.
     *
     * @param epoch     1-based epoch number
     * @param trainLoss mean training loss over the epoch's batches (with the warm-up KL weight)
     * @param valLoss   validation loss (KL weight 1), NaN without validation
     * @param lr        learning rate used
     * @param klWeight  KL weight at the end of the epoch
     * @param seconds   wall time of the epoch
     */
    public record Epoch(int epoch, double trainLoss, double valLoss, double lr, double klWeight, double seconds) { }

    private final List<Epoch> epochs = new ArrayList<>();

    /** Appends an epoch. */
    public void add(Epoch e) {
        epochs.add(e);
    }

    /** All epochs so far. */
    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Number of epochs recorded. */
    public int size() {
        return epochs.size();
    }

    /** Training losses in epoch order. */
    public double[] trainLosses() {
        return epochs.stream().mapToDouble(Epoch::trainLoss).toArray();
    }

    /** Validation losses in epoch order (NaN where none). */
    public double[] valLosses() {
        return epochs.stream().mapToDouble(Epoch::valLoss).toArray();
    }

    /** Table with columns epoch, train loss, val loss, lr, kl weight, seconds. */
    public Table table() {
        IntColumn ep = IntColumn.create("epoch");
        DoubleColumn tr = DoubleColumn.create("train loss");
        DoubleColumn va = DoubleColumn.create("val loss");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn kw = DoubleColumn.create("kl weight");
        DoubleColumn s = DoubleColumn.create("seconds");
        for (Epoch e : epochs) {
            ep.append(e.epoch());
            tr.append(e.trainLoss());
            if (Double.isNaN(e.valLoss())) {
                va.appendMissing();
            } else {
                va.append(e.valLoss());
            }
            lr.append(e.lr());
            kw.append(e.klWeight());
            s.append(e.seconds());
        }
        return Table.create("training history", ep, tr, va, lr, kw, s);
    }

    /** Loss curves (train, and validation when present) against the epoch, as an image. */
    public BufferedImage plot() {
        return plot(640, 400);
    }

    /** Loss curves at the given size. */
    public BufferedImage plot(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Training loss")
                .xAxisTitle("epoch").yAxisTitle("loss (nats)").build();
        if (epochs.isEmpty()) {
            return BitmapEncoder.getBufferedImage(chart);
        }
        double[] x = epochs.stream().mapToDouble(Epoch::epoch).toArray();
        chart.addSeries("train", x, trainLosses()).setMarker(SeriesMarkers.CIRCLE);
        List<Double> vx = new ArrayList<>();
        List<Double> vy = new ArrayList<>();
        for (Epoch e : epochs) {
            if (!Double.isNaN(e.valLoss())) {
                vx.add((double) e.epoch());
                vy.add(e.valLoss());
            }
        }
        if (!vx.isEmpty()) {
            chart.addSeries("validation", vx, vy).setMarker(SeriesMarkers.DIAMOND);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    JsonArray toJson() {
        JsonArray a = new JsonArray();
        for (Epoch e : epochs) {
            JsonObject o = new JsonObject();
            o.addProperty("epoch", e.epoch());
            o.addProperty("trainLoss", e.trainLoss());
            o.addProperty("valLoss", Double.isNaN(e.valLoss()) ? "NaN" : Double.toString(e.valLoss()));
            o.addProperty("lr", e.lr());
            o.addProperty("klWeight", e.klWeight());
            o.addProperty("seconds", e.seconds());
            a.add(o);
        }
        return a;
    }

    static TrainingHistory fromJson(JsonArray a) {
        TrainingHistory h = new TrainingHistory();
        for (JsonElement el : a) {
            JsonObject o = el.getAsJsonObject();
            h.add(new Epoch(o.get("epoch").getAsInt(), o.get("trainLoss").getAsDouble(),
                    Double.parseDouble(o.get("valLoss").getAsString()), o.get("lr").getAsDouble(),
                    o.get("klWeight").getAsDouble(), o.get("seconds").getAsDouble()));
        }
        return h;
    }

    @Override
    public String toString() {
        return table().print();
    }
}
