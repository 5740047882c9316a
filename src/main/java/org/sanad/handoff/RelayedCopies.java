package org.sanad.handoff;

import org.sanad.outbox.OutboxKind;
import org.sanad.outbox.OutboxMessage;
import org.sanad.outbox.OutboxObserver;
import org.springframework.stereotype.Component;

/**
 * Learns the id of each relayed copy once the outbox has sent it, so that a staff member's reply to a parent's
 * copy quotes the parent's own message in their chat, and a parent's reply to a staff copy is routed by it too.
 */
@Component
class RelayedCopies implements OutboxObserver {

    private final Conversations conversations;

    RelayedCopies(Conversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public void delivered(OutboxKind kind, long chatId, OutboxMessage message, long messageId) {
        if (kind == OutboxKind.RELAY && message.isCopy()) {
            conversations.named(message.copyFromChat(), message.copyMessageId(), chatId, messageId);
        }
    }
}
