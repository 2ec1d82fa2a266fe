package org.dgmkit.detect;

import java.util.List;
import org.dgmkit.cli.UsageException;

/**
 * The detector settings of a command's {@code --model} (or {@code --detector}) and {@code --set KEY=VALUE}
 * arguments: the model's defaults ({@link DetectorSettings#forModel}; a baseline's name takes the VAE's) with the
 * assignments applied; an unknown key or a bad value is a usage error naming the command.
 */
final class CommandSettings {
    private CommandSettings() {
    }

    static DetectorSettings of(String command, String model, List<String> sets) {
        try {
            return DetectorSettings.forModel(Detectors.baseline(model) ? "vae" : model)
                    .withAll(sets.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }
}
