package org.sanad.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxKind;
import org.sanad.outbox.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells the staff member how a broadcast is going and how it ended, through the outbox. Each message is won by a
 * compare-and-set on the broadcast row, so with several instances it is still sent once.
 */
class BroadcastReports {

    private static final String UNFINISHED = "'PENDING', 'CLAIMED', 'IN_FLIGHT'";

    private static final Logger log = LoggerFactory.getLogger(BroadcastReports.class);

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Outbox outbox;

    BroadcastReports(JdbcClient jdbc, MessageSource messages, Outbox outbox) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.outbox = outbox;
    }

    /** Broadcasts still sending that have no row left to send. */
    List<Long> finishedBroadcasts() {
        return jdbc.sql("SELECT b.id FROM broadcast b WHERE b.status = 'SENDING' AND NOT EXISTS "
                        + "(SELECT 1 FROM delivery d WHERE d.broadcast_id = b.id AND d.status IN (" + UNFINISHED + "))")
                .query(Long.class)
                .list();
    }

    /** Where a broadcast stands; {@code inDoubt} counts the messages a crashed sender left unconfirmed. */
    record Counts(long recipients, long sent, long blocked, long failed, long inDoubt, long unfinished) {
    }

    Counts counts(long broadcastId) {
        long recipients = jdbc.sql("SELECT recipients FROM broadcast WHERE id = ?").param(broadcastId)
                .query(Long.class).optional().orElse(0L);
        long[] byStatus = new long[5];
        jdbc.sql("""
                SELECT SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'BLOCKED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN in_doubt THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status IN ('PENDING', 'CLAIMED', 'IN_FLIGHT') THEN 1 ELSE 0 END)
                FROM delivery WHERE broadcast_id = ?""")
                .param(broadcastId)
                .query(rs -> {
                    for (int i = 0; i < byStatus.length; i++) {
                        byStatus[i] = rs.getLong(i + 1);
                    }
                });
        return new Counts(recipients, byStatus[0], byStatus[1], byStatus[2], byStatus[3], byStatus[4]);
    }

    /** A progress message for each sending broadcast not reported on for {@code interval}. */
    void progress(Instant now, Duration interval) {
        List<Long> due = jdbc.sql("SELECT id FROM broadcast WHERE status = 'SENDING' AND last_progress_at <= ?")
                .param(at(now.minus(interval)))
                .query(Long.class)
                .list();
        for (long id : due) {
            boolean won = jdbc.sql("UPDATE broadcast SET last_progress_at = ? WHERE id = ? AND status = 'SENDING' "
                            + "AND last_progress_at <= ?")
                    .params(at(now), id, at(now.minus(interval)))
                    .update() == 1;
            if (won) {
                Counts counts = counts(id);
                long done = counts.recipients() - counts.unfinished();
                long percent = counts.recipients() == 0 ? 100 : done * 100 / counts.recipients();
                send(id, "progress:" + now.toEpochMilli(), text("broadcast.progress", String.valueOf(id), done, counts.recipients(), percent));
            }
        }
    }

    /** Marks a broadcast with nothing left to send as done and reports it; false when another instance did. */
    boolean finish(long id, Instant now) {
        boolean won = jdbc.sql("UPDATE broadcast SET status = 'DONE', finished_at = ? WHERE id = ? AND status = 'SENDING'")
                .params(at(now), id)
                .update() == 1;
        if (!won) {
            return false;
        }
        Counts counts = counts(id);
        OffsetDateTime started = jdbc.sql("SELECT started_at FROM broadcast WHERE id = ?").param(id)
                .query(OffsetDateTime.class).single();
        Duration took = Duration.between(started.toInstant(), now);
        String duration = text("broadcast.duration", took.toMinutes(), took.toSecondsPart());
        log.info("Broadcast {} done in {} s: {} sent, {} blocked, {} failed, {} in doubt, of {}", id,
                took.toSeconds(), counts.sent(), counts.blocked(), counts.failed(), counts.inDoubt(), counts.recipients());
        OutboxMessage report = OutboxMessage.text(text("broadcast.report", String.valueOf(id), duration, counts.sent(), counts.recipients(), counts.blocked(),
                counts.failed(), counts.inDoubt()));
        if (counts.inDoubt() > 0) {
            report = report.withButtons(OutboxMessage.Button.callback(text("broadcast.resend-button"),
                    BroadcastStore.RESEND_BUTTON_PREFIX + id));
        }
        // a broadcast resent to those in doubt ends, and is reported, once more
        send(id, "report:" + now.toEpochMilli(), report);
        return true;
    }

    private String text(String code, Object... args) {
        return messages.getMessage(code, args, Locale.ROOT);
    }

    private void send(long broadcastId, String what, String text) {
        send(broadcastId, what, OutboxMessage.text(text));
    }

    private void send(long broadcastId, String what, OutboxMessage message) {
        Long staffChat = jdbc.sql("SELECT staff_chat_id FROM broadcast WHERE id = ?").param(broadcastId)
                .query(Long.class).optional().orElse(null);
        if (staffChat != null) {
            outbox.enqueue(Outbox.Request.of(OutboxKind.REPORT, staffChat, message)
                    .key("broadcast:" + broadcastId + ":" + what));
        }
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }
}
