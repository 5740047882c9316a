package org.sanad.outbox;

import java.time.Instant;

/**
 * What the rooms that put rows in the outbox hear back from the sender, on its thread: keep it quick. Every Spring bean
 * of this type is told.
 */
public interface OutboxObserver {

    /** Telegram took a row's message. */
    default void sent(OutboxKind kind, long chatId) {
    }

    /**
     * Telegram took a row's message and named it: {@code messageId} in {@code chatId}. A copy queued before its id
     * was known can be answered by that id from now on.
     */
    default void delivered(OutboxKind kind, long chatId, OutboxMessage message, long messageId) {
    }

    /** The chat blocked the bot (Telegram's 403): nothing more reaches it. */
    default void blocked(long chatId) {
    }

    /** A row was not sent before its time ran out (e.g. Sanad was down for more than a day). */
    default void expired(OutboxKind kind, long chatId) {
    }

    /** About once a second on each instance: e.g. to see whether a broadcast has finished. */
    default void everySecond(Instant now) {
    }
}
