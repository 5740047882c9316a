package org.sanad.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where everything Sanad sends on its own goes in: a row in the database, sent by the {@link OutboxSender} of any
 * instance, exactly once, paced, after a crash too. Enqueueing joins the caller's transaction, so a row is stored with
 * the change that caused it or not at all.
 */
@Service
public class Outbox {

    /**
     * One message to enqueue. Start with {@link #of} and add what applies.
     *
     * @param kind           what it is (log, /stats, default priority)
     * @param chatId         where it goes
     * @param message        what it says
     * @param priority       which due row goes first
     * @param notBefore      not sent before this
     * @param idempotencyKey at most one row ever has it: enqueueing the same key again stores nothing (null: no key)
     * @param aboutChat      the parent an alert or relay is about, so that their /forget deletes it; null for none
     * @param quiet          waits while {@link QuietHours} says it is quiet
     * @param expiresAt      not sent after this (dropped and logged); null: no limit
     */
    public record Request(OutboxKind kind, long chatId, OutboxMessage message, OutboxKind.Priority priority,
            Instant notBefore, String idempotencyKey, Long aboutChat, boolean quiet, Instant expiresAt) {

        public Request {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(notBefore, "notBefore");
            if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128)) {
                throw new IllegalArgumentException("an idempotency key has 1 to 128 characters");
            }
        }

        /** Due now, at the kind's priority, no key. */
        public static Request of(OutboxKind kind, long chatId, OutboxMessage message) {
            return new Request(kind, chatId, message, kind.defaultPriority(), Instant.EPOCH, null, null, false, null);
        }

        public Request priority(OutboxKind.Priority value) {
            return new Request(kind, chatId, message, value, notBefore, idempotencyKey, aboutChat, quiet, expiresAt);
        }

        public Request notBefore(Instant value) {
            return new Request(kind, chatId, message, priority, value, idempotencyKey, aboutChat, quiet, expiresAt);
        }

        public Request key(String value) {
            return new Request(kind, chatId, message, priority, notBefore, value, aboutChat, quiet, expiresAt);
        }

        public Request about(long parentChat) {
            return new Request(kind, chatId, message, priority, notBefore, idempotencyKey, parentChat, quiet, expiresAt);
        }

        /** Not sent during the quiet hours: it waits for the morning. */
        public Request outsideQuietHours() {
            return new Request(kind, chatId, message, priority, notBefore, idempotencyKey, aboutChat, true, expiresAt);
        }

        public Request expiresAt(Instant value) {
            return new Request(kind, chatId, message, priority, notBefore, idempotencyKey, aboutChat, quiet, value);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Runnable wake;
    private final Clock clock;

    @Autowired
    Outbox(JdbcClient jdbc, TransactionTemplate transactions, ObjectProvider<OutboxSender> sender) {
        this(jdbc, transactions, () -> sender.ifAvailable(OutboxSender::wake), Clock.systemUTC());
    }

    /** For tests and tools: {@code wake} tells the local sender there is work. */
    public Outbox(JdbcClient jdbc, TransactionTemplate transactions, Runnable wake, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.wake = wake;
        this.clock = clock;
    }

    /** @return true when stored; false when a row with the same idempotency key exists already (nothing stored) */
    public boolean enqueue(Request request) {
        boolean stored;
        try {
            stored = Boolean.TRUE.equals(transactions.execute(status -> insert(request)));
        } catch (DuplicateKeyException e) {
            return false; // the same key, enqueued at the same moment elsewhere
        }
        if (stored) {
            wakeAfterCommit();
        }
        return stored;
    }

    /** The small form: what, where, which first, not before when, and the key that makes it once. */
    public boolean enqueue(OutboxKind kind, long chatId, OutboxMessage message, OutboxKind.Priority priority,
            Instant notBefore, String idempotencyKey) {
        return enqueue(Request.of(kind, chatId, message).priority(priority).notBefore(notBefore).key(idempotencyKey));
    }

    private boolean insert(Request request) {
        if (request.idempotencyKey() != null && jdbc.sql("SELECT COUNT(*) FROM delivery WHERE idempotency_key = ?")
                .param(request.idempotencyKey()).query(Long.class).single() > 0) {
            return false;
        }
        long body = storeBody(request.message());
        Instant notBefore = request.notBefore().isAfter(Instant.EPOCH) ? request.notBefore() : clock.instant();
        jdbc.sql("""
                INSERT INTO delivery (kind, chat_id, body_id, priority, status, attempts, not_before, idempotency_key,
                                      about_chat, quiet, expires_at)
                VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)""")
                .params(request.kind().name(), request.chatId(), body, request.priority().rank(), at(notBefore),
                        request.idempotencyKey(), request.aboutChat(), request.quiet(),
                        request.expiresAt() == null ? null : at(request.expiresAt()))
                .update();
        return true;
    }

    /**
     * Stores a message that many rows share (a broadcast's), for the room that inserts those rows in bulk.
     *
     * @return the body's id, for the rows' {@code body_id}
     */
    public long storeBody(OutboxMessage message) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO outbox_body (text, html, copy_from_chat, copy_message_id, buttons, thread_id, reply_to, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(message.text(), message.html(), message.copyFromChat(), message.copyMessageId(),
                        message.encodeButtons(), message.threadId(), message.replyTo(), at(clock.instant()))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Rows of these kinds to the chat not yet handed to Telegram are not sent. @return how many */
    public int cancel(long chatId, OutboxKind... kinds) {
        return jdbc.sql("UPDATE delivery SET status = 'CANCELLED', claimed_by = NULL, claimed_until = NULL "
                        + "WHERE chat_id = ? AND status IN ('PENDING', 'CLAIMED') AND kind IN (" + names(kinds) + ")")
                .param(chatId)
                .update();
    }

    /** Everything to the chat and about it goes: its rows and their messages (a broadcast's shared one stays). */
    public void forget(long chatId) {
        transactions.executeWithoutResult(status -> {
            List<Long> bodies = jdbc.sql("SELECT body_id FROM delivery WHERE (chat_id = ? OR about_chat = ?) "
                            + "AND broadcast_id IS NULL AND body_id IS NOT NULL")
                    .params(chatId, chatId).query(Long.class).list();
            jdbc.sql("DELETE FROM delivery WHERE chat_id = ? OR about_chat = ?").params(chatId, chatId).update();
            for (long body : bodies) {
                jdbc.sql("DELETE FROM outbox_body WHERE id = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM delivery WHERE body_id = ?)").params(body, body).update();
            }
        });
    }

    /** When the chat's next row of these kinds is due, if one waits. */
    public Optional<Instant> nextDue(long chatId, OutboxKind... kinds) {
        return jdbc.sql("SELECT not_before FROM delivery WHERE chat_id = ? AND status = 'PENDING' AND kind IN ("
                        + names(kinds) + ") ORDER BY not_before FETCH FIRST 1 ROWS ONLY")
                .param(chatId)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .optional();
    }

    /** Rows of this kind Telegram took, as long as their chats have not asked to be forgotten. */
    public long sent(OutboxKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE kind = ? AND status = 'SENT'").param(kind.name())
                .query(Long.class).single();
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.run();
                }
            });
        } else {
            wake.run();
        }
    }

    private static String names(OutboxKind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("name at least one kind");
        }
        return Arrays.stream(kinds).map(kind -> "'" + kind.name() + "'").collect(Collectors.joining(", "));
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
