package org.dgmkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a file mirror and a loopback HTTP server: only verified files ever reach the cache. */
class DatasetFetcherTest {

    static final byte[] CONTENT = "timestamp,value\n2014-04-01 00:00:00,1.5\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path cache;
    Path mirror;
    HttpServer server;
    String base;
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        cache = tmp.resolve("cache");
        mirror = tmp.resolve("mirror");
        Files.createDirectories(mirror.resolve("nab/data"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good.csv", ex -> {
            ex.sendResponseHeaders(200, CONTENT.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(CONTENT);
            }
        });
        server.createContext("/good.csv.gz", ex -> {
            byte[] gz = gzip(CONTENT);
            ex.sendResponseHeaders(200, gz.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(gz);
            }
        });
        server.createContext("/truncated.csv", ex -> {
            ex.sendResponseHeaders(200, CONTENT.length);
            OutputStream out = ex.getResponseBody();
            out.write(CONTENT, 0, 10);
            out.flush();
            ex.getHttpContext().getServer(); // keep the exchange open-ended: close the connection mid-body
            ex.close();
        });
        server.createContext("/missing.csv", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) {
            out.write(data);
        }
        return bos.toByteArray();
    }

    static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    ManifestEntry entry(String path, String... sources) throws Exception {
        return new ManifestEntry("nab", path, CONTENT.length, sha(CONTENT), List.of(sources));
    }

    DatasetFetcher fetcher(Path mirrorDir) {
        return new DatasetFetcher(cache, mirrorDir, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    List<Path> cacheFiles() throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void mirrorFileIsVerifiedAndCached() throws Exception {
        Files.write(mirror.resolve("nab/data/a.csv"), CONTENT);
        Path got = fetcher(mirror).ensure(entry("nab/data/a.csv", base + "/missing.csv"));
        assertEquals(cache.resolve("nab/data/a.csv"), got);
        assertArrayEquals(CONTENT, Files.readAllBytes(got));
        assertEquals(List.of(got), cacheFiles());
        assertTrue(log.toString().contains("sha256 ok"));
    }

    @Test
    void mirrorFileWithOneByteChangedFailsNamingFileAndBothHashesAndLeavesNothing() throws Exception {
        byte[] bad = CONTENT.clone();
        bad[20] ^= 1;
        Files.write(mirror.resolve("nab/data/a.csv"), bad);
        DatasetException e = assertThrows(DatasetException.class,
                () -> fetcher(mirror).ensure(entry("nab/data/a.csv", base + "/good.csv")));
        assertTrue(e.getMessage().contains("checksum mismatch for nab/data/a.csv from " + mirror.resolve("nab/data/a.csv")), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 " + sha(CONTENT)), e.getMessage());
        assertTrue(e.getMessage().contains("got sha256 " + sha(bad)), e.getMessage());
        assertEquals(List.of(), cacheFiles(), "nothing may be left in the cache, not even a partial file");
    }

    @Test
    void fallsBackToHttpWhenTheMirrorLacksTheFile() throws Exception {
        Path got = fetcher(mirror).ensure(entry("nab/data/b.csv", base + "/missing.csv", base + "/good.csv"));
        assertArrayEquals(CONTENT, Files.readAllBytes(got));
        assertTrue(log.toString().contains("from " + base + "/good.csv"), log.toString());
    }

    @Test
    void gzipIsVerifiedOnItsUncompressedContent() throws Exception {
        ManifestEntry gz = new ManifestEntry("mnist", "mnist/x.gz", CONTENT.length, sha(CONTENT), List.of(base + "/good.csv.gz"));
        Path got = fetcher(null).ensure(gz);
        assertArrayEquals(gzip(CONTENT), Files.readAllBytes(got));
    }

    @Test
    void truncatedTransferLeavesNothingInTheCache() throws Exception {
        DatasetException e = assertThrows(DatasetException.class,
                () -> fetcher(null).ensure(entry("nab/data/c.csv", base + "/truncated.csv")));
        assertTrue(e.getMessage().startsWith("missing dataset file nab/data/c.csv"), e.getMessage());
        assertTrue(e.getMessage().contains(base + "/truncated.csv: "), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void missingEverywhereSaysHowToProvideTheFile() throws Exception {
        DatasetException e = assertThrows(DatasetException.class,
                () -> fetcher(mirror).ensure(entry("nab/data/d.csv", base + "/missing.csv", "http://127.0.0.1:1/x.csv")));
        String m = e.getMessage();
        assertTrue(m.contains(mirror.resolve("nab/data/d.csv") + ": no such file"), m);
        assertTrue(m.contains(base + "/missing.csv: HTTP 404"), m);
        assertTrue(m.contains("http://127.0.0.1:1/x.csv: unreachable"), m);
        assertTrue(m.contains("setting DGMKIT_MIRROR"), m);
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void refreshReplacesACorruptCachedFile() throws Exception {
        Files.createDirectories(cache.resolve("nab/data"));
        Files.write(cache.resolve("nab/data/e.csv"), "garbage".getBytes(StandardCharsets.UTF_8));
        DatasetFetcher f = fetcher(null);
        ManifestEntry e = entry("nab/data/e.csv", base + "/good.csv");
        assertArrayEquals("garbage".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f.ensure(e)), "ensure trusts the cache");
        assertArrayEquals(CONTENT, Files.readAllBytes(f.refresh(e)));
        assertTrue(log.toString().contains("does not match the manifest"));
    }

    @Test
    void bundledManifestCoversTheSharedMirror() {
        Manifest m = Manifest.bundled();
        assertEquals(List.of("mnist", "nab", "fashion-mnist", "kpi"), List.copyOf(m.datasets()));
        assertEquals(4, m.dataset("mnist").size());
        assertEquals(58, m.dataset("nab").stream().filter(e -> e.path().endsWith(".csv")).count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.dataset("cifar"));
        assertTrue(e.getMessage().contains("unknown dataset 'cifar'"));
    }

    @Test
    void everySharedFileMatchesTheManifest() throws Exception {
        Path shared = org.dgmkit.TestData.sharedData();
        DatasetFetcher f = new DatasetFetcher(cache, shared, new PrintStream(log, true, StandardCharsets.UTF_8));
        for (ManifestEntry e : Manifest.bundled().entries()) {
            if (!e.dataset().equals("fashion-mnist") && !e.dataset().equals("kpi")) { // kpi: KpiManifestTest
                f.ensure(e);
            }
        }
        assertEquals(67, cacheFiles().size());
    }
}
