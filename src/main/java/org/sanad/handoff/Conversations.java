package org.sanad.handoff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The conversations and their message-id pairs in the database: ids and times only. */
@Repository
class Conversations {

    enum Direction { TO_STAFF, TO_PARENT }

    enum ClosedBy { STAFF, PARENT, INACTIVITY, FORGOTTEN }

    private static final String COLUMNS = "id, parent_chat_id, staff_chat_id, topic_id, header_message_id, "
            + "last_outcome, opened_at, open_chat_id";

    private final JdbcClient jdbc;

    Conversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new open conversation; empty when the parent has one open already. */
    Optional<Conversation> open(long parentChatId, long staffChatId, String lastOutcome, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO clinic_conversation (parent_chat_id, open_chat_id, staff_chat_id, last_outcome, "
                    + "opened_at, last_message_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(parentChatId, parentChatId, staffChatId, lastOutcome, utc(now), utc(now))
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        long id = key.getKeyAs(Number.class).longValue();
        return Optional.of(new Conversation(id, parentChatId, staffChatId, null, null, lastOutcome, now, true));
    }

    void placed(long id, Integer topicId, long headerMessageId) {
        jdbc.sql("UPDATE clinic_conversation SET topic_id = ?, header_message_id = ? WHERE id = ?")
                .params(topicId, headerMessageId, id).update();
    }

    /** Removes a conversation that never reached the staff group. */
    void discard(long id) {
        jdbc.sql("DELETE FROM clinic_conversation WHERE id = ?").param(id).update();
    }

    Optional<Conversation> openFor(long parentChatId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clinic_conversation WHERE open_chat_id = ?")
                .param(parentChatId).query(Conversations::row).optional();
    }

    Optional<Conversation> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clinic_conversation WHERE id = ? AND parent_chat_id IS NOT NULL")
                .param(id).query(Conversations::row).optional();
    }

    /** The conversation a message of the staff group belongs to: its header, or a copy either way. */
    Optional<Conversation> byStaffMessage(long staffChatId, long messageId) {
        Optional<Conversation> header = jdbc.sql("SELECT " + COLUMNS + " FROM clinic_conversation "
                        + "WHERE staff_chat_id = ? AND header_message_id = ? AND parent_chat_id IS NOT NULL")
                .params(staffChatId, messageId).query(Conversations::row).optional();
        if (header.isPresent()) {
            return header;
        }
        return jdbc.sql("SELECT c.id, c.parent_chat_id, c.staff_chat_id, c.topic_id, c.header_message_id, "
                        + "c.last_outcome, c.opened_at, c.open_chat_id FROM clinic_relay r "
                        + "JOIN clinic_conversation c ON c.id = r.conversation_id "
                        + "WHERE (r.to_chat_id = ? AND r.to_message_id = ?) OR (r.from_chat_id = ? AND r.from_message_id = ?) "
                        + "ORDER BY c.id DESC FETCH FIRST 1 ROWS ONLY")
                .params(staffChatId, messageId, staffChatId, messageId).query(Conversations::row).optional();
    }

    /** The open-or-latest conversation of a forum topic. */
    Optional<Conversation> byTopic(long staffChatId, int topicId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clinic_conversation WHERE staff_chat_id = ? AND topic_id = ? "
                        + "AND parent_chat_id IS NOT NULL ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .params(staffChatId, topicId).query(Conversations::row).optional();
    }

    /** In the parent's chat, the parent's message that a copy in the staff group stands for. */
    Optional<Long> parentOriginal(long conversationId, long staffChatId, long staffMessageId) {
        return jdbc.sql("SELECT from_message_id FROM clinic_relay WHERE conversation_id = ? AND direction = 'TO_STAFF' "
                        + "AND to_chat_id = ? AND to_message_id = ?")
                .params(conversationId, staffChatId, staffMessageId).query(Long.class).optional();
    }

    /** A pair of messages, one the copy of the other; the conversation was active. */
    void relayed(long conversationId, Direction direction, long fromChat, long fromMessage, long toChat,
            Long toMessage, Instant now) {
        jdbc.sql("INSERT INTO clinic_relay (conversation_id, direction, from_chat_id, from_message_id, to_chat_id, "
                        + "to_message_id, relayed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(conversationId, direction.name(), fromChat, fromMessage, toChat, toMessage, utc(now)).update();
        jdbc.sql("UPDATE clinic_conversation SET last_message_at = ? WHERE id = ?").params(utc(now), conversationId)
                .update();
        if (direction == Direction.TO_PARENT) {
            jdbc.sql("UPDATE clinic_conversation SET first_staff_reply_at = ? WHERE id = ? "
                    + "AND first_staff_reply_at IS NULL").params(utc(now), conversationId).update();
        }
    }

    /**
     * A copy queued in the outbox reached its chat as {@code toMessage}: from now on a reply to it finds the message
     * it stands for. Only a pair whose copy was still unnamed; an update answered twice queued it once.
     */
    void named(long fromChat, long fromMessage, long toChat, long toMessage) {
        jdbc.sql("UPDATE clinic_relay SET to_message_id = ? WHERE from_chat_id = ? AND from_message_id = ? "
                        + "AND to_chat_id = ? AND to_message_id IS NULL")
                .params(toMessage, fromChat, fromMessage, toChat).update();
    }

    /** Closes it, once: false when it was closed already (by someone else, or another replica). */
    boolean close(long id, ClosedBy by, Instant now) {
        return jdbc.sql("UPDATE clinic_conversation SET open_chat_id = NULL, closed_at = ?, closed_by = ? "
                        + "WHERE id = ? AND open_chat_id IS NOT NULL")
                .params(utc(now), by.name(), id).update() == 1;
    }

    /** Open conversations whose last message is older than {@code before}. */
    List<Conversation> idleSince(Instant before) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM clinic_conversation WHERE open_chat_id IS NOT NULL "
                        + "AND last_message_at < ? ORDER BY id")
                .param(utc(before)).query(Conversations::row).list();
    }

    /** /forget: the chat's routing rows go, and its conversations no longer say whose they were. */
    List<Conversation> forget(long parentChatId, Instant now) {
        List<Conversation> open = openFor(parentChatId).stream().toList();
        open.forEach(conversation -> close(conversation.id(), ClosedBy.FORGOTTEN, now));
        jdbc.sql("DELETE FROM clinic_relay WHERE conversation_id IN "
                + "(SELECT id FROM clinic_conversation WHERE parent_chat_id = ?)").param(parentChatId).update();
        jdbc.sql("UPDATE clinic_conversation SET parent_chat_id = NULL, header_message_id = NULL "
                + "WHERE parent_chat_id = ?").param(parentChatId).update();
        return open;
    }

    Handoff.Stats stats() {
        long opened = jdbc.sql("SELECT COUNT(*) FROM clinic_conversation").query(Long.class).single();
        long closed = jdbc.sql("SELECT COUNT(*) FROM clinic_conversation WHERE closed_at IS NOT NULL")
                .query(Long.class).single();
        List<Duration> waits = new ArrayList<>(jdbc.sql("SELECT opened_at, first_staff_reply_at FROM "
                        + "clinic_conversation WHERE first_staff_reply_at IS NOT NULL")
                .query((rs, row) -> Duration.between(instant(rs, "opened_at"), instant(rs, "first_staff_reply_at")))
                .list());
        waits.sort(null);
        Duration median = null;
        if (!waits.isEmpty()) {
            int middle = waits.size() / 2;
            median = waits.size() % 2 == 1 ? waits.get(middle)
                    : waits.get(middle - 1).plus(waits.get(middle)).dividedBy(2);
        }
        return new Handoff.Stats(opened, closed, median);
    }

    private static Conversation row(ResultSet rs, int row) throws SQLException {
        int topic = rs.getInt("topic_id");
        Integer topicId = rs.wasNull() ? null : topic;
        long header = rs.getLong("header_message_id");
        Long headerId = rs.wasNull() ? null : header;
        rs.getLong("open_chat_id");
        boolean open = !rs.wasNull();
        return new Conversation(rs.getLong("id"), rs.getLong("parent_chat_id"), rs.getLong("staff_chat_id"), topicId,
                headerId, rs.getString("last_outcome"), instant(rs, "opened_at"), open);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
