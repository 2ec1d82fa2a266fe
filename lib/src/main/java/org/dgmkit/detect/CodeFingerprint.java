package org.dgmkit.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A short digest of the kit's compiled classes ({@code org/dgmkit/**}: names and bytes, not file times), part of the
 * raw-score cache's folder names: raw scores computed by an older build of the kit (other training numerics, other
 * scores) are recomputed instead of being reused without a word. A folder of classes and a jar of the same classes
 * give the same digest; an unchanged rebuild keeps it.
 *
 * <p>Classes that cannot change a single model's raw scores are left out, so that work on them keeps the cache: in
 * {@code org/dgmkit/detect/} every class but those on the raw-score path ({@link #RAW_PATH}: {@link RawScoreCache},
 * {@link ModelScorer} and the input features they use), and the packages no raw score goes through
 * ({@link #NOT_RAW_PACKAGES}: commands, notebooks, plots, experiments, the user CSV and KPI readers, NAB's scorer,
 * the label metrics, benchmarks). The settings class is left out too, but the defaults of every raw-score key are
 * digested in ({@link DetectorSettings#rawScoreDefaults()}), so a changed default still recomputes. A class added to
 * the raw-score path of {@code detect/} must be added to {@link #RAW_PATH}.
 */
final class CodeFingerprint {
    private static final String PREFIX = "org/dgmkit/";
    /** Simple names of the {@code org/dgmkit/detect/} classes (with their nested classes) on the raw-score path. */
    static final java.util.Set<String> RAW_PATH = java.util.Set.of("ModelScorer", "RawScoreCache", "InputSpec",
            "BlockMeanWindow", "SpectrogramFrame", "FeatureScaler", "RawScore", "WindowFeatures", "EvalSeries",
            "PredictiveScore");
    /** Packages (below {@code org/dgmkit/}) that no raw score goes through. */
    static final java.util.List<String> NOT_RAW_PACKAGES = java.util.List.of("cli/", "notebook/", "plot/",
            "experiment/", "data/series/", "data/kpi/", "score/nab/", "score/events/", "score/bench/", "model/bench/");
    private static volatile String kit;

    private CodeFingerprint() {
    }

    /** The digest of the classes this library was loaded from ("unknown" when their location cannot be read). */
    static String ofKit() {
        String f = kit;
        if (f == null) {
            CodeSource source = CodeFingerprint.class.getProtectionDomain().getCodeSource();
            try {
                f = source == null || source.getLocation() == null ? "unknown"
                        : of(Path.of(source.getLocation().toURI()), DetectorSettings.rawScoreDefaults());
            } catch (URISyntaxException | RuntimeException e) {
                f = "unknown";
            }
            kit = f;
        }
        return f;
    }

    /** The digest of the {@code org/dgmkit/} entries of a classes folder or a jar (but those left out: {@link #digested}). */
    static String of(Path location) {
        return of(location, "");
    }

    /**
     * Whether an entry ({@code org/dgmkit/...class}) is digested: in {@code detect/} the raw-score path only, outside
     * it every package but those no raw score goes through.
     */
    static boolean digested(String entry) {
        if (!entry.startsWith(PREFIX)) {
            return true;
        }
        String rest = entry.substring(PREFIX.length());
        for (String p : NOT_RAW_PACKAGES) {
            if (rest.startsWith(p)) {
                return false;
            }
        }
        if (!rest.startsWith("detect/") || rest.indexOf('/', "detect/".length()) >= 0) {
            return true;
        }
        String name = rest.substring("detect/".length());
        int end = name.indexOf('$') >= 0 ? name.indexOf('$') : name.indexOf('.');
        return RAW_PATH.contains(end < 0 ? name : name.substring(0, end));
    }

    /** The digest of a classes folder or a jar, with {@code extra} text (the raw-score defaults) digested in. */
    static String of(Path location, String extra) {
        TreeMap<String, byte[]> entries = new TreeMap<>();
        try {
            if (Files.isDirectory(location)) {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(location.resolve(PREFIX))) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
                for (Path p : files) {
                    if (!digested(location.relativize(p).toString().replace('\\', '/'))) {
                        continue;
                    }
                    entries.put(location.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry e : java.util.Collections.list(jar.entries())) {
                        if (!e.isDirectory() && e.getName().startsWith(PREFIX) && digested(e.getName())) {
                            try (InputStream in = jar.getInputStream(e)) {
                                entries.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kit's classes at " + location + ": " + e.getMessage(), e);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (var e : entries.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            if (!extra.isEmpty()) {
                sha.update((byte) 1);
                sha.update(extra.getBytes(StandardCharsets.UTF_8));
            }
            byte[] h = sha.digest();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                b.append(String.format("%02x", h[i]));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
