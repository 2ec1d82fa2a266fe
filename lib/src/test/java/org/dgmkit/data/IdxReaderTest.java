package org.dgmkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    Path write(String name, byte[] bytes, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        if (gzip) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bos)) {
                out.write(bytes);
            }
            bytes = bos.toByteArray();
        }
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsRawAndGzippedImagesAndLabels() throws IOException {
        byte[] px = new byte[3 * 2 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 20);
        }
        px[11] = (byte) 255;
        for (boolean gz : new boolean[] {false, true}) {
            Path images = write("img" + gz, idx(0x803, new int[] {3, 2, 2}, px), gz);
            Path labels = write("lab" + gz, idx(0x801, new int[] {3}, new byte[] {7, 0, 9}), gz);
            MnistData data = Mnist.read(images, labels);
            assertEquals(3, data.size());
            assertArrayEquals(new long[] {3, 4}, data.images().shape());
            assertArrayEquals(new int[] {7, 0, 9}, data.labels());
            assertEquals(20 / 255f, data.images().getFloat(0, 1), 1e-7);
            assertEquals(1f, data.images().getFloat(2, 3), 0f);
            assertEquals(0f, data.images().getFloat(0, 0), 0f);
        }
    }

    @Test
    void badMagicNamesFileAndExpectation() throws IOException {
        Path p = write("labels-as-images", idx(0x801, new int[] {2}, new byte[] {1, 2}), false);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("labels-as-images"), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x00000801, expected 0x00000803"), e.getMessage());
    }

    @Test
    void truncatedAndTrailingDataAreReported() throws IOException {
        byte[] full = idx(0x803, new int[] {2, 2, 2}, new byte[8]);
        Path shortFile = write("short", Arrays.copyOf(full, full.length - 1), false);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(shortFile));
        assertTrue(e.getMessage().contains("2×2×2 = 8 data bytes, but the file has 7 (truncated)"), e.getMessage());

        Path longFile = write("long", Arrays.copyOf(full, full.length + 3), false);
        e = assertThrows(DatasetException.class, () -> IdxReader.readImages(longFile));
        assertTrue(e.getMessage().contains("has 11 (trailing bytes)"), e.getMessage());

        Path header = write("header", Arrays.copyOf(full, 9), false);
        e = assertThrows(DatasetException.class, () -> IdxReader.readImages(header));
        assertTrue(e.getMessage().contains("header truncated"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        Path gz = write("cut.gz", idx(0x803, new int[] {50, 28, 28}, new byte[50 * 784]), true);
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(gz));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("truncated or not valid gzip"), e.getMessage());
    }

    @Test
    void zeroDimensionAndCountMismatchAreReported() throws IOException {
        Path zero = write("zero", idx(0x803, new int[] {0, 28, 28}, new byte[0]), false);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(zero));
        assertTrue(e.getMessage().contains("dimension 0 is 0"), e.getMessage());

        Path images = write("i", idx(0x803, new int[] {2, 1, 1}, new byte[2]), false);
        Path labels = write("l", idx(0x801, new int[] {3}, new byte[3]), false);
        e = assertThrows(DatasetException.class, () -> Mnist.read(images, labels));
        assertTrue(e.getMessage().contains("has 2 images but") && e.getMessage().contains("has 3 labels"), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(dir.resolve("nope")));
        assertTrue(e.getMessage().endsWith("nope: no such file"), e.getMessage());
    }
}
