package io.contrast4j.sentence.hub;

import io.contrast4j.core.UserInputException;

/**
 * A one-line failure talking to the Hub: an HTTP status the request could not get past (401, 403,
 * 404, ...), or {@code status} 0 when the endpoint could not be reached at all (then a cached
 * snapshot may still serve). Messages never contain the token.
 */
public final class HubException extends UserInputException {
    private final int status;

    public HubException(int status, String message) {
        super(message);
        this.status = status;
    }

    public HubException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    public boolean unreachable() {
        return status == 0;
    }
}
