/**
 * Reading the CSV series users have (monitoring exports, spreadsheets, logs) for {@code kit detect}: a header, a
 * time column, a value column and optionally a 0/1 label column, in any of the common timestamp forms, with
 * quoted fields, blanks, and the repeated hour of a daylight-saving change.
 *
 * <pre>{@code
 * SeriesTable t = SeriesCsv.read(Path.of("data.csv"), SeriesCsvOptions.defaults());
 * try (SeriesCsvReader r = SeriesCsvReader.open(new InputStreamReader(System.in, UTF_8), "-", options)) {
 *     for (SeriesRow row = r.next(); row != null; row = r.next()) { ... }
 * }
 * }</pre>
 *
 * <p>Policies:
 * <ul>
 * <li>One row per data line, in file order; blank lines are not rows. A missing value (blank, NaN, null, NA, N/A,
 *     None, any case) is kept as a missing row (SKIP, the default), filled with the last usable value (CARRY; a
 *     gap before the first value stays missing), or refused (FAIL).</li>
 * <li>A value that is present must be a finite number; {@code abc}, {@code inf} and {@code 1e999} are errors,
 *     never silently missing. A blank or unreadable timestamp is always an error.</li>
 * <li>The time format is detected from the first timestamp (a plain number is Unix milliseconds from 1e11 up,
 *     seconds below) and then every row must be in it; a forced format is held to the same way. Times with an
 *     offset, Z or Unix time are converted to UTC; times without are kept as local times; a file mixing the two
 *     is refused.</li>
 * <li>Repeated and backward times (a daylight-saving change, a row out of place) are kept in file order and
 *     counted; with strictTime they are errors. Rows are never sorted.</li>
 * <li>Automatic columns: time = the first column named timestamp, time, date or datetime; value = the first other
 *     column whose first non-missing cell is a number. A column option takes a header name (any case) or a 1-based
 *     position; a matching name wins.</li>
 * <li>Labels are 0, 1, 0.0, 1.0, true, false (any case); anything else, blank included, is an error.</li>
 * <li>Every error names the source, the line (the header is line 1) and, where one column is at fault, the column.
 *     </li>
 * </ul>
 *
 * <p>{@link org.dgmkit.data.nab.NabCsv} stays the strict reader of NAB's own corpus.
 */
package org.dgmkit.data.series;
