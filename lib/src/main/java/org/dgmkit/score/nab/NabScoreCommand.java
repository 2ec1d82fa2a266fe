package org.dgmkit.score.nab;

import java.util.List;
import org.dgmkit.cli.KitException;

/** Scores a NAB results folder (anomaly issue). */
public final class NabScoreCommand {
    private NabScoreCommand() {
    }

    public static int run(List<String> args) {
        throw new KitException("not implemented yet");
    }
}
