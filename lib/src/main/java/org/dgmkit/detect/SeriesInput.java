package org.dgmkit.detect;

import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * A user's series as {@code kit detect} scores it: one entry per row of the input, in input order, including rows
 * whose value is missing (they get no score but keep their place, so the output has exactly one row per input row).
 *
 * @param name          the series' name (its file name, or {@code stdin})
 * @param timestampText each row's timestamp as written in the input (echoed in the output)
 * @param times         each row's time (UTC where the input gave an offset)
 * @param values        each row's value (NaN where missing and not carried)
 * @param missing       rows without a usable value: they are not shown to the detector
 * @param labels        0/1 per row, or null when the input has no label column
 * @param lines         each row's line number in the input (for messages)
 * @param carried       rows whose missing value was replaced by the last usable one
 * @param repeated      rows whose timestamp equals the previous row's (scored in input order)
 * @param backward      rows whose timestamp is earlier than the previous row's (scored in input order)
 */
public record SeriesInput(String name, String[] timestampText, LocalDateTime[] times, double[] values,
                          boolean[] missing, int[] labels, int[] lines, int carried, int repeated, int backward) {
    public SeriesInput {
        int n = values.length;
        if (timestampText.length != n || times.length != n || missing.length != n || lines.length != n
                || (labels != null && labels.length != n)) {
            throw new IllegalArgumentException(name + ": columns of different lengths");
        }
    }

    /** A complete series without labels (every value present, lines numbered from 2 as after a header). */
    public static SeriesInput of(String name, LocalDateTime[] times, double[] values) {
        int n = values.length;
        String[] text = new String[n];
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            text[i] = times[i].toString();
            lines[i] = i + 2;
        }
        return new SeriesInput(name, text, times, values, new boolean[n], null, lines, 0, 0, 0);
    }

    /** Rows of the input. */
    public int size() {
        return values.length;
    }

    /** Rows with a usable value (the rows the detector sees). */
    public int usableRows() {
        int n = 0;
        for (boolean m : missing) {
            n += m ? 0 : 1;
        }
        return n;
    }

    /** Rows without a usable value. */
    public int missingRows() {
        return size() - usableRows();
    }

    /** Indices of the usable rows, in input order. */
    public int[] usableIndex() {
        int[] out = new int[usableRows()];
        int k = 0;
        for (int i = 0; i < missing.length; i++) {
            if (!missing[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Whether the input has labels. */
    public boolean labelled() {
        return labels != null;
    }

    /** The times of the usable rows. */
    LocalDateTime[] usableTimes() {
        return Arrays.stream(usableIndex()).mapToObj(i -> times[i]).toArray(LocalDateTime[]::new);
    }

    /** The values of the usable rows. */
    double[] usableValues() {
        return Arrays.stream(usableIndex()).mapToDouble(i -> values[i]).toArray();
    }
}
