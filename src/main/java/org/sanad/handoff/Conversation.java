package org.sanad.handoff;

import java.time.Instant;

/**
 * One conversation between a parent's chat and the staff group, as routing needs it.
 *
 * @param topicId         the forum topic in the staff group, or null
 * @param headerMessageId the header's message id in the staff group, or null before it is posted
 */
public record Conversation(long id, long parentChatId, long staffChatId, Integer topicId, Long headerMessageId,
        String lastOutcome, Instant openedAt, boolean open) {
}
