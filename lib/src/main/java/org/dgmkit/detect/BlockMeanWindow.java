package org.dgmkit.detect;

/**
 * A raw sliding window summarised as block means: the window of {@code blocks * blockRows} rows ending at a row is
 * cut into {@code blocks} consecutive blocks (the newest ends at the row), each replaced by its mean, so a window
 * covers a long stretch (e.g. a day) with few features. The {@code recentRows} newest values are added as they are,
 * so a spike shows at full height in the row it happens. Features are oldest first: block means, then recent values.
 */
public final class BlockMeanWindow implements WindowFeatures {
    private final int blocks;
    private final int blockRows;
    private final int recentRows;

    /**
     * @param blocks     number of block means (&ge; 1)
     * @param blockRows  rows per block (&ge; 1)
     * @param recentRows newest values added unaveraged (&ge; 0, at most the window)
     */
    public BlockMeanWindow(int blocks, int blockRows, int recentRows) {
        if (blocks < 1 || blockRows < 1 || recentRows < 0 || recentRows > blocks * blockRows) {
            throw new IllegalArgumentException("block window needs blocks >= 1, blockRows >= 1 and 0 <= recentRows <= "
                    + "blocks * blockRows, got " + blocks + ", " + blockRows + ", " + recentRows);
        }
        this.blocks = blocks;
        this.blockRows = blockRows;
        this.recentRows = recentRows;
    }

    /** Number of blocks. */
    public int blocks() {
        return blocks;
    }

    /** Rows per block. */
    public int blockRows() {
        return blockRows;
    }

    /** Newest values added as they are. */
    public int recentRows() {
        return recentRows;
    }

    @Override
    public int size() {
        return blocks + recentRows;
    }

    @Override
    public int rows() {
        return blocks * blockRows;
    }

    @Override
    public void extract(double[] values, int end, double[] out) {
        int start = end - rows() + 1;
        if (start < 0) {
            throw new IllegalArgumentException("window ending at row " + end + " needs " + rows() + " rows");
        }
        for (int b = 0; b < blocks; b++) {
            double sum = 0;
            int from = start + b * blockRows;
            for (int i = from; i < from + blockRows; i++) {
                sum += values[i];
            }
            out[b] = sum / blockRows;
        }
        for (int r = 0; r < recentRows; r++) {
            out[blocks + r] = values[end - recentRows + 1 + r];
        }
    }

    @Override
    public String describe() {
        return String.format("raw window: %d block means of %d rows (%d rows) + %d newest values", blocks, blockRows,
                rows(), recentRows);
    }
}
