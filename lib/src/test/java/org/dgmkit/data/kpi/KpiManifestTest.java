package org.dgmkit.data.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dgmkit.data.FetchCommand;
import org.dgmkit.data.Manifest;
import org.dgmkit.data.ManifestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiManifestTest {
    static final String COMMIT = "b2687ac3d995d0eb8dd1411c3ed161e96e241b7e";

    @TempDir
    Path cache;

    @Test
    void manifestListsTrainAndTestOfEveryKpiWithItsPublicSource() {
        List<ManifestEntry> kpi = Manifest.bundled().dataset("kpi");
        assertEquals(58, kpi.size());
        Set<String> train = new TreeSet<>();
        Set<String> test = new TreeSet<>();
        long bytes = 0;
        for (ManifestEntry e : kpi) {
            String[] p = e.path().split("/");
            assertEquals(3, p.length, e.path());
            assertEquals("kpi", p[0]);
            assertTrue(p[2].matches("[0-9a-f-]{36}\\.csv"), e.path());
            (p[1].equals("train") ? train : test).add(p[2]);
            String folder = p[1].equals("train") ? "Train" : "Test";
            assertEquals(List.of("https://raw.githubusercontent.com/microsoft/anomalydetector/" + COMMIT + "/srcnn/"
                    + folder + "/" + p[2]), e.sources());
            bytes += e.bytes();
        }
        assertEquals(29, train.size());
        assertEquals(train, test);
        assertEquals(122_128_213, bytes);
    }

    /** The manifest agrees with the shared folder's SHA256SUMS, when the real corpus is present. */
    @Test
    void manifestMatchesSharedChecksums() throws IOException {
        Path root = KpiCorpusTest.realRoot();
        Map<String, String> sums = new HashMap<>();
        for (String line : Files.readAllLines(root.resolve("SHA256SUMS"))) {
            String[] f = line.split("\\s+\\*?");
            sums.put("kpi/" + f[1], f[0]);
        }
        Map<String, String> manifest = new HashMap<>();
        for (ManifestEntry e : Manifest.bundled().dataset("kpi")) {
            manifest.put(e.path(), e.sha256());
            assertEquals(Files.size(root.getParent().resolve(e.path())), e.bytes(), e.path());
        }
        assertEquals(sums, manifest);
    }

    /** {@code kit fetch kpi} from a mirror (the shared folder) into an empty cache: 58 verified files, readable. */
    @Test
    void fetchKpiFromTheMirror() {
        Path root = KpiCorpusTest.realRoot();
        String oldData = System.getProperty("dgmkit.data");
        String oldMirror = System.getProperty("dgmkit.mirror");
        try {
            System.setProperty("dgmkit.data", cache.toString());
            System.setProperty("dgmkit.mirror", root.getParent().toString());
            assertEquals(0, FetchCommand.run(List.of("kpi")));
            try (var files = Files.walk(cache.resolve("kpi"))) {
                assertEquals(58, files.filter(Files::isRegularFile).count());
            }
            KpiCorpus c = Kpi.corpus();
            assertEquals(cache.resolve("kpi"), c.root());
            assertEquals(29, c.ids().size());
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            restore("dgmkit.data", oldData);
            restore("dgmkit.mirror", oldMirror);
        }
    }

    static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
