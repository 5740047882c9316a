package org.sanad.broadcast;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The chats that receive the clinic's broadcasts. Only the chat id and its state are stored. */
@Service
public class Subscribers {

    private final JdbcClient jdbc;

    public Subscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the chat was not receiving broadcasts before */
    public boolean subscribe(long chatId) {
        if (setStatus(chatId, "ACTIVE") == 1) {
            return true;
        }
        if (isSubscribed(chatId)) {
            return false;
        }
        OffsetDateTime now = now();
        try {
            jdbc.sql("INSERT INTO subscriber (chat_id, status, subscribed_at, updated_at) VALUES (?, 'ACTIVE', ?, ?)")
                    .params(chatId, now, now)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return setStatus(chatId, "ACTIVE") == 1; // the same chat subscribed twice at once
        }
    }

    /** @return true when the chat was receiving broadcasts */
    public boolean unsubscribe(long chatId) {
        return jdbc.sql("UPDATE subscriber SET status = 'UNSUBSCRIBED', updated_at = ? WHERE chat_id = ? AND status = 'ACTIVE'")
                .params(now(), chatId)
                .update() == 1;
    }

    /** Telegram answered 403 (the parent blocked the bot): stop sending to this chat until it subscribes again. */
    public void blocked(long chatId) {
        jdbc.sql("UPDATE subscriber SET status = 'BLOCKED', updated_at = ? WHERE chat_id = ? AND status <> 'BLOCKED'")
                .params(now(), chatId)
                .update();
    }

    public boolean isSubscribed(long chatId) {
        return jdbc.sql("SELECT COUNT(*) FROM subscriber WHERE chat_id = ? AND status = 'ACTIVE'")
                .param(chatId)
                .query(Long.class)
                .single() > 0;
    }

    /** Deletes everything stored about the chat: its subscription and its deliveries. */
    @Transactional
    public void forget(long chatId) {
        jdbc.sql("DELETE FROM delivery WHERE chat_id = ?").param(chatId).update();
        jdbc.sql("DELETE FROM subscriber WHERE chat_id = ?").param(chatId).update();
    }

    public long activeCount() {
        return jdbc.sql("SELECT COUNT(*) FROM subscriber WHERE status = 'ACTIVE'").query(Long.class).single();
    }

    private int setStatus(long chatId, String status) {
        return jdbc.sql("UPDATE subscriber SET status = ?, updated_at = ? WHERE chat_id = ? AND status <> ?")
                .params(status, now(), chatId, status)
                .update();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
