package org.dgmkit.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ResultsComparisonTest {
    @TempDir
    Path tables;

    private void csv(String name, String... rows) throws IOException {
        Files.writeString(tables.resolve(name), "notebook,model,task,metric,value,unit\n" + String.join("\n", rows) + "\n");
    }

    @Test
    void gathersTheResultFilesAndComparesWithTheBaseline() throws IOException {
        csv("03-b-results.csv", "03-b,VAE,MNIST,IW,-90.0,nats", "03-b,AUX,MNIST,IW,-89.0,nats",
                "03-b,LVAE,MNIST,IW,-80.0,nats", "03-b,AUX,other task,IW,1.0,nats");
        csv("01-a-results.csv", "01-a,VAE,semi,test error,10.0,%", "01-a,M2,semi,test error,12.0,%",
                "01-a,SDGM,semi,test error,9.0,%");
        csv("10-z-results.csv", "10-z,X,MNIST,IW,0,nats");
        Files.writeString(tables.resolve("03-b-other.csv"), "a\n1\n");
        List<Path> files = ResultsComparison.resultFiles(tables, "10-");
        assertEquals(List.of("01-a-results.csv", "03-b-results.csv"),
                files.stream().map(p -> p.getFileName().toString()).toList(), "sorted, 10- and non-results skipped");
        Table all = ResultsComparison.read(files);
        assertEquals("All results (2 notebooks)", all.name());
        assertEquals(7, all.rowCount());

        var c = ResultsComparison.against(all, "VAE", 0.02);
        // AUX -89 vs -90: 1.1 % -> same; LVAE -80: better; M2 error 12 vs 10: worse (lower is better); SDGM 9: better
        assertEquals(4, c.rows().size(), "the task the baseline lacks is left out");
        assertEquals(1, c.count("about the same"));
        assertEquals(2, c.count("better"));
        assertEquals(1, c.count("worse"));
        Table t = c.table();
        assertEquals(List.of("task", "metric", "model", "value", "VAE", "difference", "verdict"), t.columnNames());
        assertEquals("worse", t.stringColumn("verdict").get(0));
        assertEquals(2.0, t.doubleColumn("difference").get(0));
        assertEquals("4 comparisons with the VAE: 1 about the same (within 2 %), 2 better, 1 worse.\n"
                + "Not confirmed for this budget: most comparisons differ from the VAE by more than 2 % (see the table"
                + " for which way).\n", c.verdict());
        assertTrue(ResultsComparison.against(all, "VAE", 0.2).verdict().contains("Confirmed for this budget: most "
                + "comparisons are within 20 % of the VAE."));
    }

    @Test
    void noResultsYet() {
        Table all = ResultsComparison.read(List.of());
        assertEquals("All results (0 notebooks)", all.name());
        assertEquals(6, all.columnCount());
        assertEquals("0 comparisons with the VAE: 0 about the same (within 2 %), 0 better, 0 worse.\n"
                + "No comparable results yet: run the model notebooks first.\n",
                ResultsComparison.against(all, "VAE", 0.02).verdict());
    }
}
