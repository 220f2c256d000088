package io.contrast4j.search;

import io.contrast4j.core.UserInputException;

/** A query vector from a model other than the one the index was embedded with. */
public final class ModelMismatchException extends UserInputException {
    public ModelMismatchException(String message) {
        super(message);
    }
}
