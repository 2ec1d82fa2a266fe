package org.dgmkit.model.train;

import java.nio.file.Path;

/** A checkpoint file could not be read or does not fit: names the file and what was wrong. */
public final class CheckpointException extends RuntimeException {
    /** Error about {@code file}. */
    public CheckpointException(Path file, String what, Throwable cause) {
        super("checkpoint " + file + ": " + what, cause);
    }
}
