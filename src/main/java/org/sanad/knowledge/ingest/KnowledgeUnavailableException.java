package org.sanad.knowledge.ingest;

/** The knowledge folder cannot be indexed at all; the previous index, if any, keeps serving. */
public class KnowledgeUnavailableException extends RuntimeException {

    public KnowledgeUnavailableException(String message) {
        super(message);
    }

    public KnowledgeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
