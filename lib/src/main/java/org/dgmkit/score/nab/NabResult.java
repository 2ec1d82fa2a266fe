package org.dgmkit.score.nab;

import java.util.List;
import java.util.Locale;
import org.dgmkit.data.nab.NabProfile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A detector's NAB score under one profile over the files scored: the threshold (optimised or given), the raw
 * score (sum of the per-file scores), NAB's null score (a detector that never fires) and perfect score (every
 * window detected at its left edge), and the normalised score {@code 100 (raw − null) / (perfect − null)}.
 */
public record NabResult(NabProfile profile, double threshold, boolean optimised, double raw, double nullScore,
        double perfectScore, List<NabFileScore> files) {

    /** NAB's normalised score, 0 for the null detector and 100 for a perfect one. */
    public double normalized() {
        return 100 * (raw - nullScore) / (perfectScore - nullScore);
    }

    /** The per-file scores as a table (file, score, tp, tn, fp, fn). */
    public Table table() {
        Table t = Table.create("NAB " + profile.name() + " threshold=" + threshold);
        t.addColumns(StringColumn.create("file", files.stream().map(NabFileScore::file)),
                DoubleColumn.create("score", files.stream().mapToDouble(NabFileScore::score)),
                IntColumn.create("tp", files.stream().mapToInt(NabFileScore::tp).toArray()),
                IntColumn.create("tn", files.stream().mapToInt(NabFileScore::tn).toArray()),
                IntColumn.create("fp", files.stream().mapToInt(NabFileScore::fp).toArray()),
                IntColumn.create("fn", files.stream().mapToInt(NabFileScore::fn).toArray()));
        return t;
    }

    /** One summary line: {@code RESULT nab profile=<name> threshold=<t> raw=<r> normalized=<s>}. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT nab profile=%s threshold=%s raw=%.6f normalized=%.2f",
                profile.name(), threshold, raw, normalized());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NAB %s: threshold %s (%s), raw %.4f, null %.4f, perfect %.4f,"
                + " normalized %.2f over %d files", profile.name(), threshold, optimised ? "optimised" : "given",
                raw, nullScore, perfectScore, normalized(), files.size());
    }
}
