package org.dgmkit.data.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dgmkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiCorpusTest {
    static final String HEADER = "timestamp,value,label\n";

    @TempDir
    Path dir;

    void write(String part, String id, String rows) throws IOException {
        Files.createDirectories(dir.resolve(part));
        Files.writeString(dir.resolve(part).resolve(id + ".csv"), HEADER + rows);
    }

    /** Two KPIs, "b" and "a", written in that order. */
    KpiCorpus tiny() throws IOException {
        write("train", "b", "60,1,0\n120,2,1\n180,3,1\n");
        write("test", "b", "240,4,0\n300,5,1\n");
        write("train", "a", "300,10,0\n");
        write("test", "a", "600,20,1\n900,30,0\n");
        return KpiCorpus.open(dir);
    }

    @Test
    void seriesIsTrainFollowedByTest() throws IOException {
        KpiCorpus c = tiny();
        assertEquals(List.of("a", "b"), c.ids());
        KpiSeries s = c.series("b");
        assertEquals("b", s.id());
        assertEquals(5, s.size());
        assertEquals(3, s.testStart());
        assertArrayEquals(new long[] {60, 120, 180, 240, 300}, s.timestamps());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, s.values());
        assertArrayEquals(new int[] {0, 1, 1, 0, 1}, s.labels());
        assertEquals(4.0, s.value(3));
        assertEquals(240, s.timestamp(3));
        assertEquals(1, s.label(4));
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 4), s.time(3));
        assertEquals(s.time(4), s.times()[4]);
        assertEquals(3, s.labelledPoints());
        assertEquals(List.of(new KpiSegment(1, 3), new KpiSegment(4, 5)), s.segments());
        assertEquals(List.of(new KpiSegment(1, 2)), s.test().segments()); // file rows of the test part
        assertEquals(60, s.intervalSeconds());
        assertEquals(c.testFile("b"), s.test().file());
        assertEquals(List.of("a", "b"), c.all().stream().map(KpiSeries::id).toList());
        assertEquals(300, c.series("a").intervalSeconds()); // train part of one row: the step across the split
    }

    @Test
    void idsMustMatchAcrossTrainAndTest() throws IOException {
        tiny();
        write("train", "c", "60,1,0\n");
        String m = assertThrows(KpiFormatException.class, () -> KpiCorpus.open(dir)).getMessage();
        assertTrue(m.contains("c.csv: no matching test file"), m);
        Files.delete(dir.resolve("train/c.csv"));
        write("test", "d", "60,1,0\n");
        m = assertThrows(KpiFormatException.class, () -> KpiCorpus.open(dir)).getMessage();
        assertTrue(m.contains("d.csv: no matching train file"), m);
        Path empty = dir.resolve("nothing");
        m = assertThrows(KpiFormatException.class, () -> KpiCorpus.open(empty)).getMessage();
        assertTrue(m.contains("train: missing"), m);
    }

    @Test
    void testPartMustStartAfterTrainPart() throws IOException {
        KpiCorpus c = tiny();
        write("test", "a", "300,20,1\n900,30,0\n");
        String m = assertThrows(KpiFormatException.class, () -> c.series("a")).getMessage();
        assertTrue(m.contains("a.csv:2: first timestamp 300 is not after 300"), m);
    }

    @Test
    void unknownIdAndBadRowsAreErrors() throws IOException {
        KpiCorpus c = tiny();
        String m = assertThrows(KpiFormatException.class, () -> c.series("zz")).getMessage();
        assertTrue(m.contains("no KPI 'zz'"), m);
        write("train", "b", "60,1,0\n120,x,1\n");
        m = assertThrows(KpiFormatException.class, c::all).getMessage();
        assertTrue(m.contains("b.csv:3: expected a finite number as value, found 'x'"), m);
    }

    @Test
    void filesAreCachedUntilTheyChange() throws IOException {
        KpiCorpus c = tiny();
        KpiPart first = c.train("b");
        assertSame(first, KpiCorpus.open(dir).train("b"));
        Path f = c.trainFile("b");
        write("train", "b", "60,7,0\n120,8,1\n180,9,1\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        KpiPart again = c.train("b");
        assertNotSame(first, again);
        assertEquals(7.0, again.value(0));
    }

    /** The real corpus (shared/data/kpi), when present: counts of SOURCE.md and the policy's facts. */
    @Test
    void realCorpus() {
        Path root = realRoot();
        KpiCorpus.clearCache();
        long t0 = System.nanoTime();
        KpiCorpus c = KpiCorpus.open(root);
        List<KpiSeries> all = c.all();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("KPI corpus: 58 files read in %.1f s%n", seconds);
        assertTrue(seconds < 60, "reading the KPI corpus took " + seconds + " s");
        assertEquals(29, c.ids().size());
        assertEquals(new TreeSet<>(c.ids()).stream().toList(), c.ids());
        assertEquals("05f10d3a-239c-3bef-9bdc-a2feeb0037aa", c.ids().get(0));
        long rows = 0;
        long labelled = 0;
        int files = 0;
        int fileSegments = 0;
        int seriesSegments = 0;
        int gridSegments = 0;
        for (KpiSeries s : all) {
            for (KpiPart p : List.of(s.train(), s.test())) {
                files++;
                rows += p.size();
                labelled += p.labelledPoints();
                fileSegments += p.segments().size();
                gridSegments += gridSegments(p);
                assertTrue(Set.of(60L, 300L).contains(p.intervalSeconds()), p.file() + ": " + p.intervalSeconds());
            }
            seriesSegments += s.segments().size();
            assertEquals(0, s.train().label(s.testStart() - 1), s.id());
            assertEquals(s.intervalSeconds(), s.timestamp(s.testStart()) - s.timestamp(s.testStart() - 1), s.id());
        }
        assertEquals(58, files);
        assertEquals(5_922_913, rows);
        assertEquals(134_114, labelled);
        assertEquals(2_698, fileSegments); // SOURCE.md's count: maximal runs of label 1 in file order
        assertEquals(2_698, seriesSegments); // no run crosses the train/test boundary
        assertEquals(4_543, gridSegments); // 1 845 gaps inside runs split them on the metric's regular grid
        assertSame(all.get(3).test(), KpiCorpus.open(root).test(all.get(3).id()), "cached per JVM");
    }

    /** Segments on the regular grid of the challenge's metric: a gap (missing points, label 0) ends a run. */
    static int gridSegments(KpiPart p) {
        long step = p.intervalSeconds();
        int n = 0;
        for (int i = 0; i < p.size(); i++) {
            boolean continues = i > 0 && p.label(i - 1) == 1 && p.timestamp(i) - p.timestamp(i - 1) == step;
            if (p.label(i) == 1 && !continues) {
                n++;
            }
        }
        return n;
    }

    static Path realRoot() {
        Path root;
        try {
            root = TestData.sharedData().resolve("kpi");
        } catch (IllegalStateException e) {
            root = null;
        }
        assumeTrue(root != null && Files.isDirectory(root.resolve("train")), "real KPI corpus not present");
        return root;
    }
}
