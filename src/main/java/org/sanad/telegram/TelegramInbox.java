package org.sanad.telegram;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.sanad.storage.Replicas;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Telegram updates in the database, between their arrival and their answer: stored before Telegram is told they
 * arrived, so that no update is lost when a replica dies, and handed to one worker of one replica at a time. A chat's
 * updates are handed out one after the other in Telegram's order; a chat whose next update reports a danger sign goes
 * first. Each step is a compare-and-set on the row (on PostgreSQL the candidates are also locked with SKIP LOCKED, so
 * that replicas do not wait for each other), and {@code update_id} is the key, so an update Telegram resends is
 * stored and answered once.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class TelegramInbox {

    /** An update as stored: who it is from, whether triage found it urgent, and its JSON. */
    record Entry(long updateId, long chatId, long userId, boolean urgent, String body) {
    }

    /** An update this replica claimed and must answer. */
    record Claimed(long updateId, long chatId, long userId, boolean urgent, String body, Instant receivedAt) {
    }

    private static final String HEAD_OF_ITS_CHAT = """
            NOT EXISTS (SELECT 1 FROM telegram_inbox o WHERE o.chat_id = i.chat_id AND o.status = 'CLAIMED')
            AND NOT EXISTS (SELECT 1 FROM telegram_inbox o WHERE o.chat_id = i.chat_id AND o.status = 'PENDING'
                            AND o.update_id < i.update_id)""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Replicas replicas;
    private final boolean postgres;

    TelegramInbox(DataSource dataSource, TransactionTemplate transactions, Replicas replicas) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
        this.replicas = replicas;
        this.postgres = isPostgres(dataSource);
    }

    /**
     * Stores the updates, all or none, and returns once they are on disk; an update stored before (Telegram resent it,
     * or another replica got it first) is left as it is.
     */
    void store(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> entries.forEach(this::insertIfNew));
        } catch (DuplicateKeyException raced) {
            // another replica stored one of them at the same moment: one by one, each on its own
            for (Entry entry : entries) {
                try {
                    insertIfNew(entry);
                } catch (DuplicateKeyException already) {
                    // stored by the other replica: just as good
                }
            }
        }
    }

    private void insertIfNew(Entry entry) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM telegram_inbox WHERE update_id = ?").param(entry.updateId())
                .query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("INSERT INTO telegram_inbox (update_id, chat_id, user_id, urgent, body, received_at, status) "
                            + "VALUES (?, ?, ?, ?, ?, ?, 'PENDING')")
                    .params(entry.updateId(), entry.chatId(), entry.userId(), entry.urgent(), entry.body(),
                            Replicas.at(Instant.now()))
                    .update();
        }
    }

    /**
     * The oldest update of a chat no worker is on, urgent chats first, now claimed by this replica; empty when there
     * is none.
     *
     * @param urgentOnly only a chat whose next update is urgent (for the worker kept free for emergencies)
     */
    Optional<Claimed> claim(boolean urgentOnly) {
        return finishAndClaim(null, null, urgentOnly);
    }

    /**
     * Marks {@code answered} done (when not null) and claims the next update, in one transaction: one commit per
     * update instead of two, which on a durable H2 is one write to the file less.
     */
    Optional<Claimed> finishAndClaim(Claimed answered, FloodLimit.Verdict verdict, boolean urgentOnly) {
        return transactions.execute(status -> {
            if (answered != null) {
                done(answered, verdict);
            }
            List<Claimed> heads = jdbc.sql("SELECT i.update_id, i.chat_id, i.user_id, i.urgent, i.body, i.received_at "
                            + "FROM telegram_inbox i WHERE i.status = 'PENDING'"
                            + (urgentOnly ? " AND i.urgent = TRUE" : "") + " AND " + HEAD_OF_ITS_CHAT
                            + " ORDER BY i.urgent DESC, i.update_id FETCH FIRST 4 ROWS ONLY"
                            + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))
                    .query((rs, n) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4),
                            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
                    .list();
            for (Claimed head : heads) {
                int won = jdbc.sql("UPDATE telegram_inbox SET status = 'CLAIMED', claimed_by = ?, claimed_at = ? "
                                + "WHERE update_id = ? AND status = 'PENDING' AND NOT EXISTS (SELECT 1 FROM "
                                + "telegram_inbox o WHERE o.chat_id = ? AND o.status = 'CLAIMED')")
                        .params(replicas.id(), Replicas.at(Instant.now()), head.updateId(), head.chatId())
                        .update();
                if (won == 1) {
                    return Optional.of(head);
                }
            }
            return Optional.<Claimed>empty();
        });
    }

    /** Answered (or deliberately left unanswered): the JSON goes, the row stays a while for the flood limit. */
    void done(Claimed update, FloodLimit.Verdict verdict) {
        jdbc.sql("UPDATE telegram_inbox SET status = 'DONE', verdict = ?, body = NULL, done_at = ?, claimed_by = NULL "
                        + "WHERE update_id = ? AND status = 'CLAIMED' AND claimed_by = ?")
                .params(verdict.name(), Replicas.at(Instant.now()), update.updateId(), replicas.id())
                .update();
    }

    /**
     * The flood limit, from the chat's own history in the inbox, so that it holds across replicas: at most
     * {@code messages} allowed updates within {@code window} before this one; the first beyond gets WARN, the rest
     * IGNORE until the window has room again. Only ever asked for a chat's claimed update, so never concurrently for
     * one chat.
     */
    FloodLimit.Verdict flood(Claimed update, int messages, Duration window) {
        long allowed = jdbc.sql("SELECT COUNT(*) FROM telegram_inbox WHERE chat_id = ? AND verdict = 'ALLOW' "
                        + "AND received_at > ? AND update_id < ?")
                .params(update.chatId(), Replicas.at(update.receivedAt().minus(window)), update.updateId())
                .query(Long.class).single();
        if (allowed < messages) {
            return FloodLimit.Verdict.ALLOW;
        }
        String last = jdbc.sql("SELECT verdict FROM telegram_inbox WHERE chat_id = ? AND update_id < ? "
                        + "AND verdict IN ('ALLOW', 'WARN') ORDER BY update_id DESC FETCH FIRST 1 ROWS ONLY")
                .params(update.chatId(), update.updateId())
                .query(String.class).optional().orElse("ALLOW");
        return "WARN".equals(last) ? FloodLimit.Verdict.IGNORE : FloodLimit.Verdict.WARN;
    }

    /** Triage found a danger sign in an update that is still waiting: it goes first. */
    void markUrgent(long updateId) {
        jdbc.sql("UPDATE telegram_inbox SET urgent = TRUE WHERE update_id = ? AND status = 'PENDING'")
                .param(updateId).update();
    }

    /** Updates stored and not yet answered, on every replica: how long the queue is. */
    long unfinished() {
        return jdbc.sql("SELECT COUNT(*) FROM telegram_inbox WHERE status <> 'DONE'").query(Long.class).single();
    }

    /**
     * Claims of replicas that are no longer alive, and claims held far longer than any answer takes (a replica whose
     * worker hung), go back to the queue. An update whose reply was on the wire may then be answered twice.
     */
    int recover(Duration stuckAfter) {
        Instant now = Instant.now();
        return jdbc.sql("UPDATE telegram_inbox SET status = 'PENDING', claimed_by = NULL, claimed_at = NULL "
                        + "WHERE status = 'CLAIMED' AND (" + Replicas.isDead("claimed_by") + " OR claimed_at < ?)")
                .params(Replicas.at(now), Replicas.at(now.minus(stuckAfter)))
                .update();
    }

    /** An orderly stop: what this replica claimed and did not answer goes back for the others. */
    int releaseMine() {
        return jdbc.sql("UPDATE telegram_inbox SET status = 'PENDING', claimed_by = NULL, claimed_at = NULL "
                        + "WHERE status = 'CLAIMED' AND claimed_by = ?")
                .param(replicas.id()).update();
    }

    /** Answered updates older than {@code keep}: the flood limit no longer needs them. */
    int prune(Duration keep) {
        return jdbc.sql("DELETE FROM telegram_inbox WHERE status = 'DONE' AND done_at < ?")
                .param(Replicas.at(Instant.now().minus(keep))).update();
    }

    /** /forget: the chat's answered updates go at once (its unanswered ones go once answered, as every update's). */
    void forget(long chatId) {
        jdbc.sql("DELETE FROM telegram_inbox WHERE chat_id = ? AND status = 'DONE'").param(chatId).update();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
