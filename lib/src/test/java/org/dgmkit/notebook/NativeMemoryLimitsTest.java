package org.dgmkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryLimitsTest {

    @Test
    void limitsFollowTheHeap() {
        assertEquals(List.of("-Dorg.bytedeco.javacpp.maxbytes=4294967296",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=15032385536"), NativeMemoryLimits.jvmOptions("8g"));
        assertEquals(List.of("-Dorg.bytedeco.javacpp.maxbytes=2147483648",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=7516192768"), NativeMemoryLimits.jvmOptions("4096M"));
    }

    @Test
    void sizesParseLikeTheJvm() {
        assertEquals(512L << 10, NativeMemoryLimits.parse("512k"));
        assertEquals(3L << 30, NativeMemoryLimits.parse("3G"));
        assertEquals(1000L, NativeMemoryLimits.parse("1000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeMemoryLimits.parse("8gb"));
        assertTrue(e.getMessage().contains("'8gb'"), e.getMessage());
    }
}
