package org.dgmkit.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Brings dataset files into the cache, verified: tries the local mirror, then each public source of the manifest
 * in order. Every copy goes to a temporary file in the cache folder, is checked against the manifest's size and
 * SHA-256 of the uncompressed content, and only then renamed into place, so the cache never holds a partial or
 * unverified file. A hash mismatch is fatal (a corrupt mirror must be noticed); an unreachable source is skipped.
 */
public final class DatasetFetcher {

    private final Path cache;
    private final Path mirror;
    private final PrintStream log;
    private final HttpClient http;

    /**
     * @param cache  the cache folder (files land at {@code cache/<manifest path>})
     * @param mirror a local mirror folder with the manifest's layout, or null
     * @param log    where progress lines go
     */
    public DatasetFetcher(Path cache, Path mirror, PrintStream log) {
        this.cache = cache;
        this.mirror = mirror;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The cache folder. */
    public Path cache() {
        return cache;
    }

    /** The cached copy of {@code entry}, fetched first if it is not there yet. */
    public Path ensure(ManifestEntry entry) {
        Path target = cache.resolve(entry.path());
        if (Files.isRegularFile(target)) {
            return target;
        }
        return fetch(entry);
    }

    /**
     * Checks a cached file against the manifest and fetches it again if it is missing or wrong.
     * Used by {@code kit fetch}, which re-verifies what is already cached.
     */
    public Path refresh(ManifestEntry entry) {
        Path target = cache.resolve(entry.path());
        if (Files.isRegularFile(target)) {
            try {
                Digest d = digest(target, entry);
                if (d.matches(entry)) {
                    return target;
                }
                log.println("cached " + entry.path() + " does not match the manifest (" + d.describe() + "); fetching it again");
            } catch (IOException e) {
                log.println("cached " + entry.path() + " is unreadable (" + e.getMessage() + "); fetching it again");
            }
            try {
                Files.delete(target);
            } catch (IOException e) {
                throw new DatasetException("cannot replace corrupt cached file " + target + ": " + e.getMessage(), e);
            }
        }
        return fetch(entry);
    }

    /** Copies {@code entry} from the first source that has it, verifies it and moves it into the cache. */
    public Path fetch(ManifestEntry entry) {
        Path target = cache.resolve(entry.path());
        List<String> tried = new ArrayList<>();
        for (String source : sources(entry)) {
            Path tmp = null;
            try {
                Files.createDirectories(target.getParent());
                tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
                long t0 = System.nanoTime();
                copy(source, tmp);
                Digest d = digest(tmp, entry);
                if (!d.matches(entry)) {
                    throw new DatasetException("checksum mismatch for " + entry.path() + " from " + source
                            + ": expected sha256 " + entry.sha256() + " (" + entry.bytes() + " bytes), got sha256 "
                            + d.sha256 + " (" + d.bytes + " bytes); the file was not kept");
                }
                move(tmp, target);
                tmp = null;
                log.printf("fetched %s from %s (%.1f MB, %.1f s, sha256 ok)%n", entry.path(), source,
                        Files.size(target) / 1e6, (System.nanoTime() - t0) / 1e9);
                return target;
            } catch (SourceUnavailable e) {
                tried.add(source + ": " + e.getMessage());
            } catch (IOException e) {
                // a transfer that broke off or a file that is not valid gzip: never kept, try the next source
                tried.add(source + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // best effort: a leftover .part file is never read as data
                    }
                }
            }
        }
        throw new DatasetException("missing dataset file " + entry.path() + " (not in the cache " + cache + ")."
                + " Tried:\n  " + String.join("\n  ", tried)
                + "\nProvide it by setting DGMKIT_MIRROR to a folder holding " + entry.path()
                + " (the layout of shared/data: mnist/*.gz, nab/data/..., nab/labels/...,"
                + " kpi/train/*.csv, kpi/test/*.csv),"
                + " or by placing the verified file at " + target);
    }

    private List<String> sources(ManifestEntry entry) {
        List<String> sources = new ArrayList<>();
        if (mirror != null) {
            sources.add(mirror.resolve(entry.path()).toString());
        }
        sources.addAll(entry.sources());
        return sources;
    }

    private void copy(String source, Path tmp) throws IOException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            download(source, tmp);
            return;
        }
        Path file = Path.of(source.startsWith("file:") ? source.substring("file:".length()) : source);
        if (!Files.isRegularFile(file)) {
            throw new SourceUnavailable("no such file");
        }
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new SourceUnavailable("no such file");
        }
    }

    private void download(String url, Path tmp) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            throw new SourceUnavailable("unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new SourceUnavailable("HTTP " + response.statusCode());
        }
        long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long copied;
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
            copied = in.transferTo(out);
        }
        if (expected >= 0 && copied != expected) {
            throw new IOException("transfer broke off after " + copied + " of " + expected + " bytes");
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Size and SHA-256 of a file's (uncompressed) content. */
    static Digest digest(Path file, ManifestEntry entry) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new DigestInputStream(entry.gzipped() ? new GZIPInputStream(raw, 1 << 16) : raw, sha)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
            }
        }
        return new Digest(bytes, HexFormat.of().formatHex(sha.digest()));
    }

    record Digest(long bytes, String sha256) {
        boolean matches(ManifestEntry entry) {
            return bytes == entry.bytes() && sha256.equals(entry.sha256());
        }

        String describe() {
            return "sha256 " + sha256 + ", " + bytes + " bytes";
        }
    }

    /** A source that does not have the file or cannot be reached: the next one is tried. */
    private static final class SourceUnavailable extends IOException {
        SourceUnavailable(String message) {
            super(message);
        }
    }
}
