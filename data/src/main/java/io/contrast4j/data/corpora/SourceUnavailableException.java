package io.contrast4j.data.corpora;

/** A corpus source could not be fetched or read; the message says why in one line. */
public class SourceUnavailableException extends Exception {
    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
