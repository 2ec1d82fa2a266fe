package org.dgmkit.data;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST (and Fashion-MNIST, same format) from the verified dataset cache:
 * {@code MnistData train = Mnist.train();}.
 */
public final class Mnist {

    private Mnist() {
    }

    /** The 60 000 MNIST training images. */
    public static MnistData train() {
        return fromCache("mnist", "train");
    }

    /** The 10 000 MNIST test images. */
    public static MnistData test() {
        return fromCache("mnist", "t10k");
    }

    /** Fashion-MNIST's training ({@code true}) or test images. */
    public static MnistData fashion(boolean train) {
        return fromCache("fashion-mnist", train ? "train" : "t10k");
    }

    private static MnistData fromCache(String dataset, String split) {
        Path images = Datasets.file(dataset + "/" + split + "-images-idx3-ubyte.gz");
        Path labels = Datasets.file(dataset + "/" + split + "-labels-idx1-ubyte.gz");
        return read(images, labels);
    }

    /** Reads an image file and a label file (raw or gzipped IDX), checking that their counts agree. */
    public static MnistData read(Path imagesFile, Path labelsFile) {
        IdxReader.IdxArray images = IdxReader.readImages(imagesFile);
        IdxReader.IdxArray labels = IdxReader.readLabels(labelsFile);
        if (images.count() != labels.count()) {
            throw new DatasetException(imagesFile + " has " + images.count() + " images but " + labelsFile + " has "
                    + labels.count() + " labels");
        }
        int n = images.count();
        int d = images.itemSize();
        byte[] px = images.data();
        float[] scaled = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            scaled[i] = (px[i] & 0xFF) / 255f;
        }
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = labels.data()[i] & 0xFF;
        }
        return new MnistData(Nd4j.create(scaled, new long[] {n, d}, DataType.FLOAT), l);
    }
}
