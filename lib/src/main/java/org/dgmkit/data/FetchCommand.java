package org.dgmkit.data;

import java.util.List;
import org.dgmkit.cli.KitException;

/** Downloads and verifies datasets. */
public final class FetchCommand {
    private FetchCommand() {
    }

    public static int run(List<String> args) {
        throw new KitException("not implemented yet");
    }
}
