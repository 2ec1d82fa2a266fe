package org.dgmkit.data.kpi;

import org.dgmkit.data.Datasets;

/** The KPI corpus from the dataset cache, fetched and verified on first use: {@code Kpi.corpus()}. */
public final class Kpi {
    private Kpi() {
    }

    /** The KPI corpus in the dataset cache ({@code Datasets.ensure("kpi")}), fetching it if needed. */
    public static KpiCorpus corpus() {
        return KpiCorpus.open(Datasets.ensure("kpi"));
    }
}
