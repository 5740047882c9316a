package org.sanad.broadcast;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxKind;
import org.sanad.outbox.OutboxMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff broadcasts as stored: a draft, then "send" (one delivery per active subscriber, sent by the paced sender)
 * or "cancel". Who may do this is the staff room's business; here a broadcast only belongs to whoever drafted it.
 */
@Service
public class BroadcastStore {

    /** Telegram's 4096 characters, less the right-to-left mark every broadcast starts with. */
    public static final int MAX_TEXT_LENGTH = 4095;

    public record Draft(long id, long recipients) {
    }

    public enum Outcome { STARTED, ALREADY_STARTED, CANCELLED, NOT_FOUND, NOT_YOURS }

    /** «أعد الإرسال لهم» under a report with parents in doubt: {@code messages} went back to the queue. */
    public record Resend(Outcome outcome, int messages) {
    }

    /** The callback data of «أعد الإرسال لهم», followed by the broadcast's id. */
    public static final String RESEND_BUTTON_PREFIX = "b:r:";

    public record Stats(long activeSubscribers, long broadcasts, long delivered, long blocked, long failed) {
    }

    /** A text that cannot be a broadcast: blank, or longer than {@link #MAX_TEXT_LENGTH}. */
    public static final class InvalidTextException extends IllegalArgumentException {

        public enum Reason { EMPTY, TOO_LONG }

        private final Reason reason;

        InvalidTextException(Reason reason) {
            super("a broadcast needs 1 to " + MAX_TEXT_LENGTH + " characters");
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Subscribers subscribers;
    private final Outbox outbox;
    private final Runnable senderWakeUp;

    @Autowired
    BroadcastStore(JdbcClient jdbc, TransactionTemplate transactions, Subscribers subscribers, Outbox outbox,
            org.springframework.beans.factory.ObjectProvider<org.sanad.outbox.OutboxSender> sender) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.subscribers = subscribers;
        this.outbox = outbox;
        this.senderWakeUp = () -> sender.ifAvailable(org.sanad.outbox.OutboxSender::wake);
    }

    BroadcastStore(JdbcClient jdbc, TransactionTemplate transactions, Subscribers subscribers, Runnable senderWakeUp) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.subscribers = subscribers;
        this.outbox = new Outbox(jdbc, transactions, senderWakeUp, Clock.systemUTC());
        this.senderWakeUp = senderWakeUp;
    }

    /**
     * Stores a draft (plain text as the staff member wrote it; HTML-escaped when sent).
     *
     * @throws InvalidTextException when the text is blank or longer than {@link #MAX_TEXT_LENGTH}
     */
    public Draft draft(long staffUserId, long staffChatId, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTextException(InvalidTextException.Reason.EMPTY);
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidTextException(InvalidTextException.Reason.TOO_LONG);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO broadcast (staff_user_id, staff_chat_id, text, status, created_at) VALUES (?, ?, ?, 'DRAFT', ?)")
                .params(staffUserId, staffChatId, text, now())
                .update(key, "id");
        return new Draft(key.getKeyAs(Number.class).longValue(), subscribers.activeCount());
    }

    /** Why this staff member may not act on this broadcast; empty when they may. */
    private Optional<Outcome> refusal(Optional<Row> row, long staffUserId) {
        if (row.isEmpty()) {
            return Optional.of(Outcome.NOT_FOUND);
        }
        if (row.get().staffUserId() != staffUserId) {
            return Optional.of(Outcome.NOT_YOURS);
        }
        return Optional.empty();
    }

    /** On "send": one delivery per active subscriber, handed to the paced sender; idempotent. */
    public Outcome send(long broadcastId, long staffUserId) {
        Outcome outcome = transactions.execute(status -> {
            Optional<Row> row = lock(broadcastId);
            Optional<Outcome> refusal = refusal(row, staffUserId);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            switch (row.get().status()) {
                case "SENDING", "DONE" -> {
                    return Outcome.ALREADY_STARTED;
                }
                case "CANCELLED" -> {
                    return Outcome.CANCELLED;
                }
                default -> {
                }
            }
            OffsetDateTime now = now();
            String text = jdbc.sql("SELECT text FROM broadcast WHERE id = ?").param(broadcastId)
                    .query(String.class).single();
            long body = outbox.storeBody(OutboxMessage.text(text));
            // one outbox row per subscriber, in one statement: the outbox's rows of a broadcast are this room's
            int recipients = jdbc.sql("""
                    INSERT INTO delivery (broadcast_id, kind, priority, body_id, chat_id, status, attempts, not_before)
                    SELECT ?, ?, ?, ?, chat_id, 'PENDING', 0, ? FROM subscriber WHERE status = 'ACTIVE'""")
                    .params(broadcastId, OutboxKind.BROADCAST.name(), OutboxKind.Priority.BULK.rank(), body, now)
                    .update();
            jdbc.sql("UPDATE broadcast SET status = 'SENDING', started_at = ?, last_progress_at = ?, recipients = ? WHERE id = ?")
                    .params(now, now, recipients, broadcastId)
                    .update();
            return Outcome.STARTED;
        });
        if (outcome == Outcome.STARTED) {
            senderWakeUp.run();
        }
        return outcome;
    }

    /** Cancels a draft, or stops a broadcast that is sending: what has not been handed to Telegram yet is not sent. */
    public Outcome cancel(long broadcastId, long staffUserId) {
        return transactions.execute(status -> {
            Optional<Row> row = lock(broadcastId);
            Optional<Outcome> refusal = refusal(row, staffUserId);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            switch (row.get().status()) {
                case "DONE" -> {
                    return Outcome.ALREADY_STARTED;
                }
                case "CANCELLED" -> {
                    return Outcome.CANCELLED;
                }
                default -> {
                }
            }
            jdbc.sql("UPDATE delivery SET status = 'CANCELLED' WHERE broadcast_id = ? AND status IN ('PENDING', 'CLAIMED')")
                    .param(broadcastId)
                    .update();
            jdbc.sql("UPDATE broadcast SET status = 'CANCELLED', finished_at = ? WHERE id = ?")
                    .params(now(), broadcastId)
                    .update();
            return Outcome.CANCELLED;
        });
    }

    /**
     * Sends a finished broadcast again to the parents whose message is in doubt (a crash or a timeout while Telegram
     * had it): most of them probably got it, so some will get it twice; the staff member decides. The broadcast is
     * sending again and reports again at the end.
     */
    public Resend resendInDoubt(long broadcastId, long staffUserId) {
        Resend resend = transactions.execute(status -> {
            Optional<Row> row = lock(broadcastId);
            Optional<Outcome> refusal = refusal(row, staffUserId);
            if (refusal.isPresent()) {
                return new Resend(refusal.get(), 0);
            }
            int messages = jdbc.sql("UPDATE delivery SET status = 'PENDING', in_doubt = FALSE, attempts = 0, "
                            + "claimed_by = NULL, claimed_until = NULL, not_before = ? "
                            + "WHERE broadcast_id = ? AND status = 'IN_DOUBT'")
                    .params(now(), broadcastId)
                    .update();
            if (messages > 0) {
                jdbc.sql("UPDATE broadcast SET status = 'SENDING', finished_at = NULL, last_progress_at = ? WHERE id = ?")
                        .params(now(), broadcastId)
                        .update();
            }
            return new Resend(Outcome.STARTED, messages);
        });
        if (resend.messages() > 0) {
            senderWakeUp.run();
        }
        return resend;
    }

    public Stats stats() {
        Map<String, Long> deliveries = new java.util.HashMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM delivery WHERE status IN ('SENT', 'BLOCKED', 'FAILED') GROUP BY status")
                .query(rs -> {
                    deliveries.put(rs.getString("status"), rs.getLong("n"));
                });
        long broadcasts = jdbc.sql("SELECT COUNT(*) FROM broadcast WHERE started_at IS NOT NULL").query(Long.class).single();
        return new Stats(subscribers.activeCount(), broadcasts, deliveries.getOrDefault("SENT", 0L),
                deliveries.getOrDefault("BLOCKED", 0L), deliveries.getOrDefault("FAILED", 0L));
    }

    private record Row(long staffUserId, String status) {
    }

    /** Row lock, so that two "send" taps (even on two instances) create the deliveries once. */
    private Optional<Row> lock(long broadcastId) {
        return jdbc.sql("SELECT staff_user_id, status FROM broadcast WHERE id = ? FOR UPDATE")
                .param(broadcastId)
                .query((rs, n) -> new Row(rs.getLong("staff_user_id"), rs.getString("status")))
                .optional();
    }

    /** How many subscribers a started broadcast goes to. */
    public long recipients(long broadcastId) {
        return jdbc.sql("SELECT recipients FROM broadcast WHERE id = ?").param(broadcastId).query(Long.class).single();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
