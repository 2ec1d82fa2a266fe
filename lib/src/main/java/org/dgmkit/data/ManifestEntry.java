package org.dgmkit.data;

import java.util.List;

/**
 * One dataset file: where it lives (relative to the cache and to a mirror), its uncompressed size and SHA-256,
 * and the public sources to try after the mirror ({@code file:} paths or http(s) URLs).
 */
public record ManifestEntry(String dataset, String path, long bytes, String sha256, List<String> sources) {

    /** True when the stored file is gzip-compressed; its hash and size are then those of the uncompressed content. */
    public boolean gzipped() {
        return path.endsWith(".gz");
    }
}
