package org.sanad.staff;

/** The knowledge folder could not be indexed; the message says why. The previous index keeps serving. */
public class ReindexFailedException extends RuntimeException {

    ReindexFailedException(Exception cause) {
        super(cause.getMessage(), cause);
    }
}
