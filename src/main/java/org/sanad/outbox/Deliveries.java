package org.sanad.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's rows (table {@code delivery}) as a work queue shared by every sender instance: lowest priority number
 * first, then oldest. A row moves PENDING → CLAIMED → IN_FLIGHT → a
 * final state, each step a compare-and-set on the row, so only one sender ever hands a given row to Telegram. The
 * claim also reserves send slots from the one {@code send_pacer} row, which keeps all instances together under the
 * global rate and carries a 429 pause from one instance to the others.
 */
class Deliveries {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;

    Deliveries(DataSource dataSource, TransactionTemplate transactions) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** A row this sender holds: it may hand it to Telegram at {@code slot}, if it still holds it then. */
    record Claimed(long id, String kind, long bodyId, long chatId, int attempts, String token, Instant slot) {
    }

    /** What a claim got; {@code waitUntil} is set when the pacer has no slot close enough (rate or 429 pause). */
    record Claim(List<Claimed> deliveries, Instant waitUntil) {
    }

    private record Candidate(long id, String kind, long bodyId, long chatId, int attempts) {
    }

    /**
     * Claims up to {@code max} due rows and gives each a send slot, all in one transaction holding the pacer row.
     *
     * @param chatReady false for a chat that must not get a message yet (one a second per chat)
     * @param quiet     inside the quiet hours: rows that wait for them are left alone
     */
    Claim claim(String token, int max, Instant now, Duration spacing, Duration horizon, Duration claimGrace,
            LongPredicate chatReady, boolean quiet) {
        return transactions.execute(status -> {
            Instant[] pacer = jdbc.sql("SELECT next_slot, paused_until FROM send_pacer WHERE id = 1 FOR UPDATE")
                    .query((rs, n) -> new Instant[] {rs.getObject(1, OffsetDateTime.class).toInstant(),
                            rs.getObject(2, OffsetDateTime.class).toInstant()})
                    .single();
            Instant start = latest(now, pacer[0], pacer[1]);
            if (start.isAfter(now.plus(horizon))) {
                return new Claim(List.of(), start.minus(horizon));
            }
            List<Candidate> candidates = jdbc.sql("""
                    SELECT id, kind, body_id, chat_id, attempts FROM delivery
                    WHERE status = 'PENDING' AND not_before <= ? AND (quiet = FALSE OR ? = FALSE)
                    ORDER BY priority, id
                    FETCH FIRST ? ROWS ONLY""" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))
                    .params(at(now), quiet, max)
                    .query((rs, n) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getInt(5)))
                    .list();
            List<Claimed> claimed = new ArrayList<>();
            java.util.Set<Long> chatsInBatch = new java.util.HashSet<>();
            for (Candidate candidate : candidates) {
                if (!chatReady.test(candidate.chatId()) || !chatsInBatch.add(candidate.chatId())) {
                    continue;
                }
                Instant slot = start.plus(spacing.multipliedBy(claimed.size()));
                // Compare-and-set: on H2 (no SKIP LOCKED) this is what keeps two claimers apart.
                int won = jdbc.sql("UPDATE delivery SET status = 'CLAIMED', claimed_by = ?, claimed_until = ? "
                                + "WHERE id = ? AND status = 'PENDING'")
                        .params(token, at(slot.plus(claimGrace)), candidate.id())
                        .update();
                if (won == 1) {
                    claimed.add(new Claimed(candidate.id(), candidate.kind(), candidate.bodyId(),
                            candidate.chatId(), candidate.attempts(), token, slot));
                }
            }
            if (!claimed.isEmpty()) {
                jdbc.sql("UPDATE send_pacer SET next_slot = ? WHERE id = 1")
                        .param(at(start.plus(spacing.multipliedBy(claimed.size()))))
                        .update();
            }
            return new Claim(claimed, null);
        });
    }

    /**
     * The last step before calling Telegram: from now on a crash leaves the row in doubt. Refused when the row is no
     * longer this claim's (its lease ran out and someone else took it) or when a 429 pause is on.
     */
    boolean markInFlight(Claimed row, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE delivery SET status = 'IN_FLIGHT', claimed_until = ?
                WHERE id = ? AND status = 'CLAIMED' AND claimed_by = ?
                AND NOT EXISTS (SELECT 1 FROM send_pacer WHERE id = 1 AND paused_until > ?)""")
                .params(at(leaseUntil), row.id(), row.token(), at(now))
                .update() == 1;
    }

    /** Takes back the IN_FLIGHT mark of a row that was, after all, not handed to Telegram. */
    void unmark(Claimed row, Instant notBefore) {
        jdbc.sql("UPDATE delivery SET status = 'PENDING', claimed_by = NULL, claimed_until = NULL, not_before = ? "
                        + "WHERE id = ? AND status = 'IN_FLIGHT' AND claimed_by = ?")
                .params(at(notBefore), row.id(), row.token())
                .update();
    }

    /** Gives a claimed row back, unsent. */
    void release(Claimed row, Instant notBefore) {
        jdbc.sql("UPDATE delivery SET status = 'PENDING', claimed_by = NULL, claimed_until = NULL, not_before = ? "
                        + "WHERE id = ? AND status = 'CLAIMED' AND claimed_by = ?")
                .params(at(notBefore), row.id(), row.token())
                .update();
    }

    /** Telegram took it. Also from IN_DOUBT: a slow answer that arrived after others had given up on it. */
    boolean markSent(Claimed row, Instant now) {
        return jdbc.sql("UPDATE delivery SET status = 'SENT', sent_at = ?, claimed_until = NULL "
                        + "WHERE id = ? AND claimed_by = ? AND status IN ('IN_FLIGHT', 'IN_DOUBT')")
                .params(at(now), row.id(), row.token())
                .update() == 1;
    }

    boolean markFinal(Claimed row, String status, int attempts, String error) {
        return jdbc.sql("UPDATE delivery SET status = ?, attempts = ?, last_error = ?, claimed_until = NULL "
                        + "WHERE id = ? AND claimed_by = ? AND status = 'IN_FLIGHT'")
                .params(status, attempts, clip(error), row.id(), row.token())
                .update() == 1;
    }

    /** Back in the queue after a 429 or an error, to be sent again not before {@code notBefore}. */
    boolean retryLater(Claimed row, Instant notBefore, int attempts, String error) {
        return jdbc.sql("UPDATE delivery SET status = 'PENDING', attempts = ?, last_error = ?, not_before = ?, "
                        + "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'IN_FLIGHT'")
                .params(attempts, clip(error), at(notBefore), row.id(), row.token())
                .update() == 1;
    }

    /** Telegram said 429: every instance stops handing rows to Telegram until {@code until}. */
    void pause(Instant until) {
        jdbc.sql("UPDATE send_pacer SET paused_until = ? WHERE id = 1 AND paused_until < ?")
                .params(at(until), at(until))
                .update();
        jdbc.sql("UPDATE send_pacer SET next_slot = ? WHERE id = 1 AND next_slot < ?")
                .params(at(until), at(until))
                .update();
    }

    /** Claims whose sender died before sending: nothing was sent, so they simply go back to the queue. */
    int recoverExpiredClaims(Instant now) {
        return jdbc.sql("UPDATE delivery SET status = 'PENDING', claimed_by = NULL, claimed_until = NULL "
                        + "WHERE status = 'CLAIMED' AND claimed_until < ?")
                .param(at(now))
                .update();
    }

    /** Messages whose sender died while Telegram had them: resent or set aside, as configured. */
    int recoverInDoubt(Instant now, OutboxProperties.InDoubt policy) {
        if (policy == OutboxProperties.InDoubt.RESEND) {
            return jdbc.sql("UPDATE delivery SET status = 'PENDING', in_doubt = TRUE, claimed_by = NULL, "
                            + "claimed_until = NULL, not_before = ? WHERE status = 'IN_FLIGHT' AND claimed_until < ?")
                    .params(at(now), at(now))
                    .update();
        }
        // claimed_by stays, so that a sender that does hear back after all can still record SENT
        return jdbc.sql("UPDATE delivery SET status = 'IN_DOUBT', in_doubt = TRUE, claimed_until = NULL "
                        + "WHERE status = 'IN_FLIGHT' AND claimed_until < ?")
                .param(at(now))
                .update();
    }

    /** On an orderly stop: rows claimed but not handed to Telegram go back for another instance (or the next start). */
    int releaseAll(String tokenPrefix) {
        return jdbc.sql("UPDATE delivery SET status = 'PENDING', claimed_by = NULL, claimed_until = NULL "
                        + "WHERE status = 'CLAIMED' AND claimed_by LIKE ?")
                .param(tokenPrefix + "%")
                .update();
    }

    /** A row due for sending that was not sent before its time ran out (e.g. Sanad was down): never sent now. */
    record Expired(long id, String kind, long chatId) {
    }

    List<Expired> expire(Instant now) {
        List<Expired> due = jdbc.sql("SELECT id, kind, chat_id FROM delivery WHERE status = 'PENDING' "
                        + "AND expires_at IS NOT NULL AND expires_at < ?")
                .param(at(now))
                .query((rs, n) -> new Expired(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .list();
        List<Expired> won = new ArrayList<>();
        for (Expired row : due) {
            if (jdbc.sql("UPDATE delivery SET status = 'EXPIRED', claimed_by = NULL, claimed_until = NULL "
                    + "WHERE id = ? AND status = 'PENDING'").param(row.id()).update() == 1) {
                won.add(row);
            }
        }
        return won;
    }

    /** A row's message. */
    OutboxMessage body(long bodyId) {
        return jdbc.sql("SELECT text, html, copy_from_chat, copy_message_id, buttons, thread_id, reply_to "
                        + "FROM outbox_body WHERE id = ?")
                .param(bodyId)
                .query((rs, n) -> {
                    long from = rs.getLong(3);
                    Long fromChat = rs.wasNull() ? null : from;
                    long message = rs.getLong(4);
                    Long messageId = rs.wasNull() ? null : message;
                    int thread = rs.getInt(6);
                    Integer threadId = rs.wasNull() ? null : thread;
                    long answered = rs.getLong(7);
                    Long replyTo = rs.wasNull() ? null : answered;
                    return new OutboxMessage(rs.getString(1), rs.getBoolean(2), fromChat, messageId,
                            OutboxMessage.decodeButtons(rs.getString(5)), threadId, replyTo);
                })
                .single();
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a.isAfter(b) ? a : b;
        return max.isAfter(c) ? max : c;
    }

    private static String clip(String error) {
        return error == null || error.length() <= 200 ? error : error.substring(0, 200);
    }
}
