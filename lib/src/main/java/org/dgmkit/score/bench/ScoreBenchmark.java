package org.dgmkit.score.bench;

import java.util.List;
import org.dgmkit.cli.KitException;

/** Scoring benchmark (anomaly issue). */
public final class ScoreBenchmark {
    private ScoreBenchmark() {
    }

    public static int run(List<String> args) {
        throw new KitException("not implemented yet");
    }
}
