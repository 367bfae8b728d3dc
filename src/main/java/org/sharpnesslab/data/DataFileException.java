package org.sharpnesslab.data;

import java.nio.file.Path;

/**
 * A dataset file or directory that is missing, unreadable or not in the expected format. The message names the
 * file and says what was expected and what was found.
 */
public class DataFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public DataFileException(Path path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public DataFileException(Path path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** The file or directory concerned. */
    public Path path() {
        return path;
    }
}
