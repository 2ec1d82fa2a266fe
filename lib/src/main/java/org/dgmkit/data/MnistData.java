package org.dgmkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST-format images and labels: {@code images} is an [n, 784] FLOAT matrix scaled to [0, 1], {@code labels} the
 * digit (or class) of each row.
 */
public record MnistData(INDArray images, int[] labels) {

    public MnistData {
        if (images.rows() != labels.length) {
            throw new IllegalArgumentException(images.rows() + " images but " + labels.length + " labels");
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** The first {@code n} images (all of them if there are fewer). */
    public MnistData first(int n) {
        int m = Math.min(n, size());
        int[] rows = new int[m];
        Arrays.setAll(rows, i -> i);
        return subset(rows);
    }

    /** The given rows, in that order (copied). */
    public MnistData subset(int[] rows) {
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            l[i] = labels[rows[i]];
        }
        return new MnistData(images.getRows(rows), l);
    }

    /** Rows whose label is one of {@code classes}. */
    public MnistData withLabels(int... classes) {
        boolean[] keep = new boolean[256];
        for (int c : classes) {
            keep[c] = true;
        }
        return subset(java.util.stream.IntStream.range(0, size()).filter(i -> keep[labels[i]]).toArray());
    }

    /** Images binarised at a fixed threshold: 1 where the intensity is above {@code threshold}, else 0. */
    public INDArray binarized(double threshold) {
        return images.gt(threshold).castTo(DataType.FLOAT);
    }

    /**
     * Stochastic binarisation, as the ADGM and Ladder VAE papers re-binarise every epoch: each pixel is 1 with
     * probability equal to its intensity. Same seed, same result.
     */
    public INDArray sampleBinarized(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray u = Nd4j.rand(DataType.FLOAT, images.shape());
        return u.lt(images).castTo(DataType.FLOAT);
    }

    /** Number of images per label 0..9 (or up to the largest label). */
    public int[] labelCounts() {
        int max = Arrays.stream(labels).max().orElse(0);
        int[] counts = new int[max + 1];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /**
     * A labelled subset for semi-supervised learning: {@code perClass} rows of each label, drawn at random with
     * {@code seed} (e.g. 10 per class → the papers' 100 labels). Returns row indices, sorted.
     */
    public int[] balancedLabelled(int perClass, long seed) {
        int[] counts = labelCounts();
        Random random = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            if (counts[c] < perClass) {
                throw new IllegalArgumentException("label " + c + " has only " + counts[c] + " images, " + perClass + " requested");
            }
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, random);
            chosen.addAll(rows.subList(0, perClass));
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** One-hot labels as an [n, classes] FLOAT matrix. */
    public INDArray oneHot(int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, size(), classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }

    @Override
    public String toString() {
        return "MnistData[" + size() + " images of " + images.columns() + " pixels, label counts " + Arrays.toString(labelCounts()) + "]";
    }
}
