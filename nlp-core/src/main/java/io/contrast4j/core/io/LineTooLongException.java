package io.contrast4j.core.io;

import io.contrast4j.core.UserInputException;

/**
 * A line longer than the reader's cap: {@code <file>:<line>: line longer than <N> bytes}. Thrown
 * instead of buffering the line, so that a file without newlines (or a gzip bomb) ends in one
 * line of error rather than an OutOfMemoryError.
 */
public final class LineTooLongException extends UserInputException {
    private final long line;
    private final int limit;

    public LineTooLongException(String source, long line, int limit) {
        super(source + ":" + line + ": line longer than " + limit + " bytes (raise the limit with --max-line-bytes or "
                + BoundedLineReader.MAX_LINE_ENV + ")");
        this.line = line;
        this.limit = limit;
    }

    /** The 1-based number of the offending line. */
    public long line() {
        return line;
    }

    /** The cap in bytes that the line exceeded. */
    public int limit() {
        return limit;
    }
}
