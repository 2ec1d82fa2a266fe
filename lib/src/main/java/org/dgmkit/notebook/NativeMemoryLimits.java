package org.dgmkit.notebook;

import java.util.List;
import java.util.Locale;

/**
 * JavaCPP's limits on ND4J's off-heap memory for a notebook JVM, derived from its heap. ND4J arrays live off the Java
 * heap and are freed only when their small Java objects are collected; a notebook that scores several models allocates
 * gigabytes of such garbage while the heap stays nearly empty, so without a bound on the process size the JVM grows
 * until the system kills it (measured: 24 GB resident with {@code -Xmx8g}, notebook 05 with three models). With
 * {@code maxbytes} = heap / 2 and {@code maxphysicalbytes} = 7/4 of the heap, JavaCPP runs the garbage collector
 * before the process passes that size (the same notebook then stays under 14 GB).
 */
final class NativeMemoryLimits {

    private NativeMemoryLimits() {
    }

    /** The {@code -D} options for a JVM started with {@code -Xmx<heap>} (heap as in 8g, 4096m, 512k or bytes). */
    static List<String> jvmOptions(String heap) {
        long bytes = parse(heap);
        return List.of("-Dorg.bytedeco.javacpp.maxbytes=" + bytes / 2,
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + bytes / 4 * 7);
    }

    /** A JVM memory size in bytes. */
    static long parse(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        if (!s.matches("\\d+[kmg]?")) {
            throw new IllegalArgumentException("not a JVM memory size such as 8g or 4096m: '" + size + "'");
        }
        char unit = s.charAt(s.length() - 1);
        long scale = switch (unit) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), scale);
    }
}
