package org.dgmkit.detect;

/**
 * Turns the window of a series that ends at a row into a feature vector for the density model. Causal by
 * construction: {@link #extract} reads {@code values[end - rows() + 1 .. end]} only.
 */
public interface WindowFeatures {

    /** Number of features. */
    int size();

    /** Rows one window spans: the first feature vector belongs to row {@code rows() - 1}. */
    int rows();

    /**
     * Writes the features of the window ending at row {@code end} into {@code out} (length {@link #size()}).
     *
     * @param values the series so far (at least {@code end + 1} values)
     */
    void extract(double[] values, int end, double[] out);

    /** One line for logs and results: kind and sizes. */
    String describe();
}
