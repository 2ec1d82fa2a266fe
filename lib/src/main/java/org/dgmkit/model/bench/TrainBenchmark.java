package org.dgmkit.model.bench;

import java.util.List;
import org.dgmkit.cli.KitException;

/** Training benchmark (models issue). */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    public static int run(List<String> args) {
        throw new KitException("not implemented yet");
    }
}
