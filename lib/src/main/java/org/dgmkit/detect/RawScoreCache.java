package org.dgmkit.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dgmkit.data.nab.NabCorpus;

/**
 * The raw-score cache of {@code kit nab-detect} and {@code kit kpi-detect}: one single model's raw scores per series
 * of a corpus ({@link EvalSeries}), computed (one {@link ModelScorer} per series) or read from {@code cache/<model>-<settings digest>-<code digest>/}. This class is on
 * the raw-score path and therefore part of the code digest ({@link CodeFingerprint}); the orchestration in
 * {@link NabDetection} (ensembles, post-processing) is not.
 */
final class RawScoreCache {
    private RawScoreCache() {
    }

    /** The raw scores of one single model ({@code ensemble=1}) on the given files, {@code threads} at a time. */
    static NabDetection.RawRun memberRawScores(NabCorpus corpus, List<String> files, DetectorSettings settings, Path cache,
                                          PrintStream log, int threads) {
        return memberRawScores(files.stream().map(n -> EvalSeries.of(corpus.series(n))).toList(), settings, cache,
                log, threads);
    }

    /** The raw scores of one single model ({@code ensemble=1}) on the given series, {@code threads} at a time. */
    static NabDetection.RawRun memberRawScores(List<EvalSeries> files, DetectorSettings settings, Path cache,
                                               PrintStream log, int threads) {
        // the code's digest in the name: scores computed by another build of the kit are recomputed, not reused
        Path dir = cache == null ? null
                : cache.resolve(settings.get("model") + "-" + settings.rawScoreDigest() + "-" + CodeFingerprint.ofKit());
        long t0 = System.nanoTime();
        Map<String, double[]> raw = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        int[] computed = {0};
        int[] done = {0};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, threads), r -> {
                    Thread t = new Thread(r, "nab-detect");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (EvalSeries s : files) {
                String name = s.name();
                jobs.add(pool.submit(() -> {
                    Path file = dir == null ? null : dir.resolve(name.replace('/', '_') + ".raw");
                    double[] r = file != null && Files.isRegularFile(file) ? read(file, s.size()) : null;
                    String note = null;
                    double secs = 0;
                    if (r == null) {
                        long f0 = System.nanoTime();
                        ModelScorer scorer = new ModelScorer(settings, s.probation());
                        r = scorer.scoreAll(s.times(), s.values());
                        note = String.format(Locale.ROOT, "%s; train %.1f s, score %.1f s", scorer.describe(),
                                scorer.trainSeconds(), scorer.scoreSeconds());
                        if (file != null) {
                            write(dir, file, r, settings);
                        }
                        secs = (System.nanoTime() - f0) / 1e9;
                    }
                    synchronized (raw) {
                        raw.put(name, r);
                        done[0]++;
                        if (note != null) {
                            computed[0]++;
                            notes.put(name, note);
                            if (log != null) {
                                log.printf(Locale.ROOT, "[%2d/%d] %-58s %6d rows %6.1f s  %s%n", done[0], files.size(),
                                        name, s.size(), secs, note);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) {
                try {
                    j.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new NabDetection.RawRun(raw, notes, (System.nanoTime() - t0) / 1e9, computed[0]);
    }

    private static double[] read(Path file, int rows) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            if (n != rows) {
                return null;
            }
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = in.readDouble();
            }
            return r;
        } catch (IOException e) {
            return null; // a damaged cache entry is recomputed
        }
    }

    private static void write(Path dir, Path file, double[] r, DetectorSettings settings) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("settings.txt");
            if (!Files.exists(key)) {
                Files.writeString(key, settings.rawScoreKey().replace(";", "\n"));
            }
            Path tmp = Files.createTempFile(dir, "part", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(r.length);
                for (double v : r) {
                    out.writeDouble(v);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the raw-score cache " + file + ": " + e.getMessage(), e);
        }
    }

}
