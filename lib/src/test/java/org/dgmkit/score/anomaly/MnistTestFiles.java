package org.dgmkit.score.anomaly;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test-only reader of the shared MNIST gz IDX files (until the lead's MnistData is merged). */
final class MnistTestFiles {
    private MnistTestFiles() {
    }

    static int[] labels(String file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2049) {
                throw new IOException(file + ": not an IDX label file");
            }
            int n = in.readInt();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedByte();
            }
            return labels;
        }
    }

    static INDArray images(String file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2051) {
                throw new IOException(file + ": not an IDX image file");
            }
            int n = in.readInt();
            int pixels = in.readInt() * in.readInt();
            byte[] raw = in.readNBytes(n * pixels);
            float[] values = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                values[i] = (raw[i] & 0xff) / 255f;
            }
            return Nd4j.create(values, new long[] {n, pixels}, 'c');
        }
    }

    private static DataInputStream open(String file) throws IOException {
        InputStream raw = Files.newInputStream(org.dgmkit.score.SharedTestData.dir().resolve("mnist").resolve(file));
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
    }
}
