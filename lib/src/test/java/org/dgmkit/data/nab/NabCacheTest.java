package org.dgmkit.data.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dgmkit.TestData;
import org.dgmkit.score.nab.NabScoreCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Nab.corpus()} and {@code nab-score} without --nab take the corpus from the dataset cache, filled here
 * from the shared data as a local mirror. */
class NabCacheTest {
    @TempDir
    Path cache;
    String oldData;
    String oldMirror;

    @BeforeEach
    void useTempCache() {
        oldData = System.getProperty("dgmkit.data");
        oldMirror = System.getProperty("dgmkit.mirror");
        System.setProperty("dgmkit.data", cache.toString());
        System.setProperty("dgmkit.mirror", TestData.sharedData().toString());
    }

    @AfterEach
    void restore() {
        restore("dgmkit.data", oldData);
        restore("dgmkit.mirror", oldMirror);
    }

    static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void corpusComesFromTheCache() {
        NabCorpus c = Nab.corpus();
        assertEquals(cache.resolve("nab").toAbsolutePath().normalize(), c.root().toAbsolutePath().normalize());
        assertEquals(58, c.names().size());
        assertEquals(4032, c.series("artificialWithAnomaly/art_daily_jumpsup.csv").size());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path results = TestData.sharedData().resolve("nab/results/numenta");
        NabScoreCommand.run(List.of("--results", results.toString(), "--profile", "standard", "--threshold",
                "0.5421876907348634"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("RESULT nab profile=standard threshold=0.5421876907348634 raw=46.634450 "
                + "normalized=70.10"), out);
    }
}
