package org.dgmkit.detect;

import java.util.List;
import org.dgmkit.data.series.SeriesCsvOptions;

/**
 * Everything {@code kit detect} was asked to do, parsed from its arguments ({@link DetectCommand}).
 *
 * @param inputs    the {@code --csv} arguments: files, folders, globs, or {@code -} for standard input
 * @param out       {@code --out}: a {@code .csv} file (one input), a folder, or {@code -} (standard output, live
 *                  input only); default {@code out/detect}
 * @param settings  the detector's settings ({@code --model}, {@code --set})
 * @param model     the model's name (for titles)
 * @param probation {@code --probation} in usable rows, 0 for NAB's default (15 % of the usable rows, at most 750;
 *                  750 for standard input, whose length is not known)
 * @param threshold {@code --threshold}, NaN for the settings' {@code threshold}
 * @param csv       how the CSV files are read ({@code --time-column}, {@code --value-column},
 *                  {@code --label-column}, {@code --time-format}, {@code --missing}, {@code --strict-time})
 * @param delay     {@code --delay}: a labelled segment counts as detected only by an alarm within its first
 *                  {@code delay + 1} rows (the KPI challenge's rule); -1 = anywhere in the segment
 * @param threads   series scored at the same time (default: the cores, at most the series)
 */
public record DetectOptions(List<String> inputs, String out, DetectorSettings settings, String model, int probation,
                            double threshold, SeriesCsvOptions csv, int delay, int threads) {
    /** The default output folder. */
    public static final String DEFAULT_OUT = "out/detect";

    public DetectOptions {
        inputs = List.copyOf(inputs);
    }

    /** Whether the input is standard input. */
    public boolean live() {
        return inputs.size() == 1 && inputs.get(0).equals("-");
    }

    /** Whether the output goes to standard output. */
    public boolean toStdout() {
        return out.equals("-");
    }

    /** Whether {@code --out} names one CSV file (else a folder). */
    public boolean outIsFile() {
        return out.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }
}
