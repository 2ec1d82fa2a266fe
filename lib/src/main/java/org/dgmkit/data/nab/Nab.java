package org.dgmkit.data.nab;

import org.dgmkit.data.Datasets;

/** The NAB corpus from the dataset cache, fetched and verified on first use: {@code Nab.corpus()}. */
public final class Nab {
    private Nab() {
    }

    /** The NAB corpus in the dataset cache ({@code Datasets.ensure("nab")}), fetching it if needed. */
    public static NabCorpus corpus() {
        return NabCorpus.open(Datasets.ensure("nab"));
    }
}
