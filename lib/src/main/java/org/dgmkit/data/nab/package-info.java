/**
 * The Numenta Anomaly Benchmark corpus (numenta/NAB at commit ea702d75): series as Tablesaw tables, anomaly
 * windows as row ranges, the probationary period, and the scoring profiles.
 *
 * <pre>{@code
 * NabCorpus nab = Nab.corpus();                       // dataset cache; or NabCorpus.open(Path.of(".../nab"))
 * for (NabSeries s : nab.artificial()) { ... s.values(), s.windows(), s.probationRows() ... }
 * }</pre>
 *
 * <p>Windows are mapped as NAB's sweeper maps them: from the first row stamped with the window's start to the first
 * row stamped with its end; both must be timestamps of the file. The probationary period of an n-row file is
 * {@code min(floor(0.15 n), 750)} rows. NAB's own data has repeated timestamps (daylight-saving changes) in 8 files
 * and one out-of-order row; the corpus keeps them, as NAB does, while {@link org.dgmkit.data.nab.NabCsv#read(
 * java.nio.file.Path)} rejects them in other series.
 */
package org.dgmkit.data.nab;
