package org.dgmkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The committed list of dataset files ({@code data/manifest.tsv}, carried by the library as a resource):
 * tab-separated dataset, path, uncompressed bytes, SHA-256 of the uncompressed content, space-separated sources.
 */
public final class Manifest {

    private static final String RESOURCE = "/org/dgmkit/data/manifest.tsv";
    private final List<ManifestEntry> entries;

    private Manifest(List<ManifestEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The manifest bundled with the library. */
    public static Manifest bundled() {
        try (InputStream in = Manifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("dataset manifest " + RESOURCE + " is missing from the library jar");
            }
            return parse(in, "manifest.tsv");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dataset manifest: " + e.getMessage(), e);
        }
    }

    /** Parses a manifest; {@code name} is used in error messages. */
    public static Manifest parse(InputStream in, String name) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IOException(name + ":" + lineNo + ": expected 5 tab-separated fields "
                        + "(dataset, path, bytes, sha256, sources), found " + f.length);
            }
            long bytes;
            try {
                bytes = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                throw new IOException(name + ":" + lineNo + ": bytes must be an integer, found '" + f[2] + "'");
            }
            if (!f[3].matches("[0-9a-f]{64}")) {
                throw new IOException(name + ":" + lineNo + ": sha256 must be 64 lower-case hex digits, found '" + f[3] + "'");
            }
            entries.add(new ManifestEntry(f[0], f[1], bytes, f[3], Arrays.asList(f[4].trim().split("\\s+"))));
        }
        return new Manifest(entries);
    }

    /** All entries, in file order. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /** The dataset names, in file order. */
    public Set<String> datasets() {
        Set<String> names = new LinkedHashSet<>();
        entries.forEach(e -> names.add(e.dataset()));
        return names;
    }

    /** The entries of one dataset; an unknown name is an error listing the known ones. */
    public List<ManifestEntry> dataset(String name) {
        List<ManifestEntry> found = entries.stream().filter(e -> e.dataset().equals(name)).toList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", datasets()));
        }
        return found;
    }

    /** The entry for one relative path. */
    public ManifestEntry file(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset file '" + path + "' in the manifest"));
    }
}
