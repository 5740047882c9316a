package org.sanad.ask;

/**
 * Hears every URGENT or CRISIS answer of the pipeline, whatever the channel (the staff alerts listen). Called on the
 * answering thread before the reply goes out: keep it to a quick, durable hand-over (an outbox row).
 */
public interface DangerListener {

    void reported(DangerReport report);
}
