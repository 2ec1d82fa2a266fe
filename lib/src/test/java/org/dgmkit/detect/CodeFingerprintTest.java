package org.dgmkit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeFingerprintTest {

    @TempDir
    Path dir;

    private Path classes(String name, String aBytes) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("org/dgmkit/detect"));
        Files.writeString(root.resolve("org/dgmkit/detect/ModelScorer.class"), aBytes);
        Files.writeString(root.resolve("org/dgmkit/B.class"), "b");
        Files.createDirectories(root.resolve("other"));
        Files.writeString(root.resolve("other/C.class"), name); // outside org/dgmkit: ignored
        return root;
    }

    @Test
    void sameClassesGiveTheSameDigestWhateverTheirTimesOrContainer() throws IOException {
        Path one = classes("one", "a");
        Path two = classes("two", "a");
        Files.setLastModifiedTime(two.resolve("org/dgmkit/B.class"), FileTime.fromMillis(0));
        String d = CodeFingerprint.of(one);
        assertEquals(8, d.length());
        assertEquals(d, CodeFingerprint.of(two));
        Path jar = dir.resolve("kit.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String[] e : new String[][] {{"org/dgmkit/B.class", "b"}, {"org/dgmkit/detect/ModelScorer.class", "a"},
                    {"META-INF/x", "whatever"}}) {
                out.putNextEntry(new JarEntry(e[0]));
                out.write(e[1].getBytes());
                out.closeEntry();
            }
        }
        assertEquals(d, CodeFingerprint.of(jar));
    }

    @Test
    void oneChangedByteOrARenamedClassChangesTheDigest() throws IOException {
        String d = CodeFingerprint.of(classes("one", "a"));
        assertNotEquals(d, CodeFingerprint.of(classes("two", "A")));
        Path renamed = classes("three", "a");
        Files.move(renamed.resolve("org/dgmkit/B.class"), renamed.resolve("org/dgmkit/B2.class"));
        assertNotEquals(d, CodeFingerprint.of(renamed));
    }

    @Test
    void postProcessingClassesAreLeftOutButRawScoringClassesAndTheRawDefaultsCount() throws IOException {
        Path one = classes("one", "a");
        String d = CodeFingerprint.of(one);
        Files.writeString(one.resolve("org/dgmkit/detect/PostProcessor.class"), "p");
        Files.writeString(one.resolve("org/dgmkit/detect/NabDetection$RawRun.class"), "r");
        Files.writeString(one.resolve("org/dgmkit/detect/DetectorSettings.class"), "s");
        assertEquals(d, CodeFingerprint.of(one));
        Files.writeString(one.resolve("org/dgmkit/detect/ModelScorer.class"), "m");
        String withScorer = CodeFingerprint.of(one);
        assertNotEquals(d, withScorer);
        assertNotEquals(withScorer, CodeFingerprint.of(one, "epochs=150;"));
        assertNotEquals(CodeFingerprint.of(one, "epochs=150;"), CodeFingerprint.of(one, "epochs=151;"));
        assertTrue(CodeFingerprint.digested("org/dgmkit/detect/RawScoreCache.class"));
        assertTrue(CodeFingerprint.digested("org/dgmkit/model/PostProcessor.class")); // only detect's own
        assertTrue(CodeFingerprint.digested("org/dgmkit/detect/ModelScorer$Chunk.class"));
        assertTrue(!CodeFingerprint.digested("org/dgmkit/detect/DetectReport.class")); // not on the raw path
        assertTrue(!CodeFingerprint.digested("org/dgmkit/experiment/LongRunFile.class"));
        assertTrue(!CodeFingerprint.digested("org/dgmkit/score/events/KpiMetric.class"));
        assertTrue(CodeFingerprint.digested("org/dgmkit/score/LikelihoodScorer.class"));
        assertTrue(DetectorSettings.rawScoreDefaults().contains("epochs=150;"));
        assertTrue(!DetectorSettings.rawScoreDefaults().contains("ensemble")); // the ensemble's keys: not a member's
    }

    @Test
    void theKitsOwnClassesHaveADigest() {
        String kit = CodeFingerprint.ofKit();
        assertTrue(kit.matches("[0-9a-f]{8}"), kit);
        assertEquals(kit, CodeFingerprint.ofKit());
    }
}
