package org.dgmkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), raw or gzipped, and validates them: magic number, element type,
 * dimensions, and that the file length matches the header exactly. Errors name the file and the problem.
 */
public final class IdxReader {

    /** Magic of an unsigned-byte IDX file with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an unsigned-byte IDX file with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** An IDX file's unsigned bytes with its dimensions. */
    public record IdxArray(int[] dims, byte[] data) {
        /** Number of items (the first dimension). */
        public int count() {
            return dims[0];
        }

        /** Elements per item (the product of the other dimensions). */
        public int itemSize() {
            int size = 1;
            for (int i = 1; i < dims.length; i++) {
                size *= dims[i];
            }
            return size;
        }
    }

    /** Reads an image file: magic 0x803, dimensions n × rows × cols. */
    public static IdxArray readImages(Path file) {
        return read(file, IMAGES_MAGIC);
    }

    /** Reads a label file: magic 0x801, dimension n. */
    public static IdxArray readLabels(Path file) {
        return read(file, LABELS_MAGIC);
    }

    /** Reads an unsigned-byte IDX file whose magic must be {@code expectedMagic}. */
    public static IdxArray read(Path file, int expectedMagic) {
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw) {
            bytes = in.readAllBytes();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); the file is truncated or not valid gzip", e);
        }
        if (bytes.length < 4) {
            throw new DatasetException(file + ": " + bytes.length + " bytes, too short for an IDX header");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes); // IDX is big-endian, ByteBuffer's default
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new DatasetException(String.format("%s: bad magic number 0x%08X, expected 0x%08X (%s)", file, magic,
                    expectedMagic, expectedMagic == IMAGES_MAGIC ? "unsigned-byte images, 3 dimensions"
                            : "unsigned-byte labels, 1 dimension"));
        }
        int rank = magic & 0xFF;
        if (bytes.length < 4 + 4 * rank) {
            throw new DatasetException(file + ": header truncated: " + bytes.length + " bytes, need " + (4 + 4 * rank));
        }
        int[] dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt();
            if (dims[i] <= 0) {
                throw new DatasetException(file + ": dimension " + i + " is " + dims[i] + ", expected a positive size");
            }
            expected *= dims[i];
        }
        long header = 4L + 4L * rank;
        if (bytes.length - header != expected) {
            throw new DatasetException(file + ": header says " + dimsText(dims) + " = " + expected + " data bytes, but the file has "
                    + (bytes.length - header) + (bytes.length - header < expected ? " (truncated)" : " (trailing bytes)"));
        }
        byte[] data = new byte[(int) expected];
        System.arraycopy(bytes, (int) header, data, 0, data.length);
        return new IdxArray(dims, data);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static String dimsText(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.toString();
    }
}
