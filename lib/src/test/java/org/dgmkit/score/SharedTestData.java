package org.dgmkit.score;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test-only: where the read-only shared data sets (MNIST, NAB) are. */
public final class SharedTestData {
    private SharedTestData() {
    }

    /**
     * DGMKIT_SHARED (system property or environment), else ../../shared/data from lib/ (repo beside shared/),
     * ../shared/data (CI), ../../../shared/data (a worktree in /work/wt/NAME); fails with a clear message.
     */
    public static Path dir() {
        String configured = System.getProperty("DGMKIT_SHARED", System.getenv("DGMKIT_SHARED"));
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p : new Path[] {Path.of("..", "..", "shared", "data"), Path.of("..", "shared", "data"),
                Path.of("..", "..", "..", "shared", "data")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("shared data not found: set DGMKIT_SHARED or put it at ../../shared/data "
                + "relative to " + Path.of("").toAbsolutePath());
    }
}
