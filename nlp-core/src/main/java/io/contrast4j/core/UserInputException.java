package io.contrast4j.core;

/**
 * A problem with what the user supplied (a missing file, a malformed line, an invalid option).
 * The command line prints its message as one line and exits non-zero, with no stack trace, so the
 * message must name the file, line or option at fault.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
