/**
 * The KPI corpus of the 2018 AIOps Challenge: 29 web-service KPIs with operators' point labels, split per KPI into a
 * train and a test file as published in microsoft/anomalydetector ({@code srcnn/Train}, {@code srcnn/Test} at commit
 * b2687ac3), header {@code timestamp,value,label}, Unix seconds, 1- or 5-minute sampling with gaps.
 *
 * <pre>{@code
 * KpiCorpus kpi = Kpi.corpus();                       // dataset cache; or KpiCorpus.open(Path.of(".../kpi"))
 * KpiSeries s = kpi.series(kpi.ids().get(0));         // train followed by test
 * double[] x = s.values(); int[] y = s.labels(); int split = s.testStart();
 * }</pre>
 *
 * <p>Facts checked by the tests on the real files: 58 files, 5 922 913 rows, 134 114 labelled points, 2 698 labelled
 * segments counted as maximal runs of label 1 in file order (the same 2 698 on the joined series: no run crosses the
 * train/test boundary). The challenge's metric works on the regular time grid, where missing points are filled with
 * label 0: 1 845 gaps fall inside labelled runs and split them, giving 4 543 segments on the grid. Timestamps never
 * repeat or go backwards, values are never blank; {@link org.dgmkit.data.kpi.KpiCsv} rejects such rows anyway.
 */
package org.dgmkit.data.kpi;
