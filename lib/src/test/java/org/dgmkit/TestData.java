package org.dgmkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real datasets (the shared/ folder beside the checkout) for tests. */
public final class TestData {

    private TestData() {
    }

    /** {@code shared/data}: $DGMKIT_SHARED, else ../../shared/data or ../shared/data from the working directory. */
    public static Path sharedData() {
        String env = System.getenv("DGMKIT_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path p : new Path[] {Path.of("..", "..", "shared", "data"), Path.of("..", "shared", "data")}) {
            if (Files.isDirectory(p.resolve("mnist"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("real datasets not found: set DGMKIT_SHARED to shared/data "
                + "(looked in ../../shared/data and ../shared/data from " + Path.of("").toAbsolutePath() + ")");
    }
}
