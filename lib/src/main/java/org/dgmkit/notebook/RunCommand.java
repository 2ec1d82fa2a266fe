package org.dgmkit.notebook;

import java.util.List;
import org.dgmkit.cli.KitException;

/** Executes notebooks headless (foundation issue). */
public final class RunCommand {
    private RunCommand() {
    }

    public static int run(List<String> args) {
        throw new KitException("not implemented yet");
    }
}
