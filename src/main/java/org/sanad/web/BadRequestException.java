package org.sanad.web;

/** A request the API refuses with 400 and a clear message. */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
