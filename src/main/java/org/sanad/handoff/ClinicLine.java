package org.sanad.handoff;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How conversations reach the messenger: the Telegram adapter implements it. Messages are copied by the messenger
 * itself (Telegram's copyMessage), so their text never passes through Sanad's storage. A method that returns an id
 * returns it once the messenger took the message; empty when it refused it for good or never answered.
 */
public interface ClinicLine {

    /** Whether the staff group is a forum, where each conversation gets a topic of its own. */
    boolean isForum(long staffChatId);

    /** A new forum topic for one conversation; its thread id. */
    OptionalInt openTopic(long staffChatId, String name);

    /** The header that opens a conversation in the staff group, with its «إنهاء المحادثة» button. */
    OptionalLong postHeader(long staffChatId, Integer topicId, Header header);

    /** A copy of one message: sent (its id known), queued in the outbox (sent soon, once), or refused. */
    Copied copy(Copy copy);

    /** One of Sanad's own short notes about conversation {@code conversationId}. */
    void tell(long conversationId, long chatId, Integer topicId, Long replyTo, Notice notice);

    /**
     * @param accepted  the messenger took it, or the outbox will send it
     * @param messageId the copy's id when the messenger answered already; null when queued or refused
     */
    record Copied(boolean accepted, Long messageId) {

        public static Copied sent(long messageId) {
            return new Copied(true, messageId);
        }

        public static Copied queued() {
            return new Copied(true, null);
        }

        public static Copied refused() {
            return new Copied(false, null);
        }
    }

    /**
     * @param lastOutcome Sanad's last answer to that parent ({@code NOT_COVERED}, {@code CHECK}…), or null
     */
    record Header(long conversationId, long parentChatId, Instant openedAt, String lastOutcome) {
    }

    /**
     * @param replyTo    in the destination chat, the message the copy answers (null: none); it may be gone
     * @param fromClinic a staff reply on its way to a parent: marked as coming from the clinic
     * @param parentChatId the parent the copy is about, so that their /forget deletes it while it waits
     */
    record Copy(long conversationId, long fromChatId, long messageId, long toChatId, Integer topicId, Long replyTo,
            boolean fromClinic, long parentChatId) {
    }

    enum Notice {
        /** To the parent: staff ended the conversation; Sanad answers again. */
        PARENT_CLOSED_BY_STAFF,
        /** To the parent: a day without messages ended it. */
        PARENT_CLOSED_IDLE,
        /** To the staff group: how the conversation ended. */
        STAFF_CLOSED_BY_STAFF,
        STAFF_CLOSED_BY_PARENT,
        STAFF_CLOSED_IDLE,
        STAFF_FORGOTTEN,
        /** To the staff group, under a copied message: Sanad found a danger sign in it and gave the urgent advice. */
        STAFF_URGENT
    }
}
