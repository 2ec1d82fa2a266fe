package org.dgmkit.data;

/** A dataset file that is missing, unreadable, corrupt or fails verification; the message names the file. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
