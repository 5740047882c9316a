package org.sanad.outbox;

import java.time.Duration;

/**
 * Where the outbox's messages leave Sanad: one message to one chat, one try, and what came of it. The Telegram
 * adapter implements it with its one reading of Telegram's answers, escaping and right-to-left mark; what to do
 * about a result (pause, retry, unsubscribe, give up, set aside as in doubt) is the outbox sender's decision.
 */
public interface ChatSender {

    /** Sends one outbox message (a text, or a copy, with its buttons). Never throws for a failed send. */
    Result send(long chatId, OutboxMessage message);

    /** Sends {@code text} as written: it is shown, never read as markup. Never throws for a failed send. */
    default Result send(long chatId, String text) {
        return send(chatId, OutboxMessage.text(text));
    }

    /**
     * What became of one send.
     *
     * @param retryAfter for {@link Outcome#RETRY_AFTER}: how long the messenger asks every sender to wait
     * @param reason     the error, for the delivery row and the log; never the text sent
     * @param messageId  for {@link Outcome#SENT}: the id the messenger gave the message in the chat, when it said
     */
    record Result(Outcome outcome, Duration retryAfter, String reason, Long messageId) {

        public enum Outcome {
            /** The messenger took it. */
            SENT,
            /** The person blocked the bot (Telegram's 403): nothing more can reach them. */
            BLOCKED,
            /** Too many requests (Telegram's 429): nothing was sent; wait {@code retryAfter}, then the same again. */
            RETRY_AFTER,
            /** The request itself is wrong (e.g. 400 "chat not found"): it would never succeed. */
            FAILED_PERMANENTLY,
            /** Nothing was delivered (5xx, or no connection could be made): trying again may work. */
            FAILED_TRANSIENTLY,
            /** The request left but no answer came (a timeout, a dropped connection): it may have arrived. */
            IN_DOUBT
        }

        public static Result sent() {
            return new Result(Outcome.SENT, Duration.ZERO, null, null);
        }

        public static Result sent(long messageId) {
            return new Result(Outcome.SENT, Duration.ZERO, null, messageId);
        }

        public static Result blocked(String reason) {
            return new Result(Outcome.BLOCKED, Duration.ZERO, reason, null);
        }

        public static Result retryAfter(Duration wait) {
            return new Result(Outcome.RETRY_AFTER, wait, "429", null);
        }

        public static Result failedPermanently(String reason) {
            return new Result(Outcome.FAILED_PERMANENTLY, Duration.ZERO, reason, null);
        }

        public static Result failedTransiently(String reason) {
            return new Result(Outcome.FAILED_TRANSIENTLY, Duration.ZERO, reason, null);
        }

        public static Result inDoubt(String reason) {
            return new Result(Outcome.IN_DOUBT, Duration.ZERO, reason, null);
        }
    }
}
