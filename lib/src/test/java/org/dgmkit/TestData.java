package org.dgmkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real datasets (the shared/ folder beside the checkout) for tests. */
public final class TestData {

    private TestData() {
    }

    /**
     * {@code shared/data}: $DGMKIT_SHARED, else $DGMKIT_MIRROR (the datasets mirror the kit fetches from, which has the
     * same layout) when it holds {@code mnist/}, else ../../shared/data or ../shared/data from the working directory.
     */
    public static Path sharedData() {
        String env = System.getenv("DGMKIT_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String mirror = System.getenv("DGMKIT_MIRROR");
        if (mirror != null && !mirror.isBlank() && Files.isDirectory(Path.of(mirror, "mnist"))) {
            return Path.of(mirror).toAbsolutePath().normalize();
        }
        for (Path p : new Path[] {Path.of("..", "..", "shared", "data"), Path.of("..", "shared", "data")}) {
            if (Files.isDirectory(p.resolve("mnist"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("real datasets not found: set DGMKIT_SHARED (or DGMKIT_MIRROR) to shared/data "
                + "(looked in ../../shared/data and ../shared/data from " + Path.of("").toAbsolutePath() + ")");
    }
}
