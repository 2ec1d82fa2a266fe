package org.dgmkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ExportsTest {

    @TempDir
    Path out;

    @Test
    void tableIsSavedAsCsvAndShownAsHtml() throws Exception {
        Table t = Table.create("scores", StringColumn.create("model", List.of("VAE", "<ADGM>")),
                DoubleColumn.create("auroc", 0.91, 0.95));
        Exports exports = new Exports(out.toString(), "05-test");
        DisplayData shown = exports.table("auroc", t);
        List<String> csv = Files.readAllLines(out.resolve("tables/05-test-auroc.csv"));
        assertEquals(List.of("model,auroc", "VAE,0.91", "<ADGM>,0.95"), csv);
        String html = (String) shown.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<caption>scores</caption>") && html.contains("<th>auroc</th>"), html);
        assertTrue(html.contains("&lt;ADGM&gt;") && html.contains("<td style=\"text-align:right\">0.95</td>"), html);
        assertTrue(((String) shown.getData(MIMEType.TEXT_PLAIN)).contains("VAE"));
    }

    @Test
    void resultsAccumulateIntoOneCsvPerNotebook() throws Exception {
        Exports exports = new Exports(out.toString(), "01-x");
        assertEquals(-90.5, exports.result("VAE", "MNIST test", "ELBO", -90.5, "nats"));
        exports.result("VAE", "MNIST test", "IW log-likelihood (K=1000)", -88.25, "nats");
        assertEquals(List.of("notebook,model,task,metric,value,unit", "01-x,VAE,MNIST test,ELBO,-90.5,nats",
                "01-x,VAE,MNIST test,IW log-likelihood (K=1000),-88.25,nats"),
                Files.readAllLines(out.resolve("tables/01-x-results.csv")));
        assertTrue(((String) exports.results().getData(MIMEType.TEXT_HTML)).contains("<td>IW log-likelihood (K=1000)</td>"));
    }

    @Test
    void figureIsSavedUnderTheNotebooksFolder() throws Exception {
        Exports exports = new Exports(out.toString(), "00-x");
        exports.figure("grid", Plots.imageGrid("t", org.nd4j.linalg.factory.Nd4j.ones(1, 4), 1, null));
        assertTrue(Files.isRegularFile(out.resolve("figures/00-x/grid.png")));
        assertTrue(Files.isRegularFile(out.resolve("figures/00-x/grid.svg")));
    }
}
